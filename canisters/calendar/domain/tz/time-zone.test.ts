import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../civil.ts';
import { DomainError } from '../errors.ts';
import {
  canonicalTimeZoneName,
  isKnownTimeZone,
  knownTimeZones,
  localToUtcMs,
  offsetSecondsAt,
  utcMsToLocal,
  zoneTransitions,
} from './time-zone.ts';

function intlOffsetSeconds(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(utcMs);
  const get = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(
    get('year'),
    get('month') - 1,
    get('day'),
    get('hour'),
    get('minute'),
    get('second'),
  );
  return (wall - Math.floor(utcMs / 1000) * 1000) / 1000;
}

const local = (text: string) => {
  const [date, time] = text.split('T');
  const [year, month, day] = date!.split('-').map(Number);
  const [hour, minute] = time!.split(':').map(Number);
  return { year: year!, month: month!, day: day!, hour: hour!, minute: minute!, second: 0 };
};

describe('time zone table', () => {
  it('knows every zone Intl lists plus UTC aliases, and rejects unknown ids', () => {
    for (const zone of Intl.supportedValuesOf('timeZone')) expect(isKnownTimeZone(zone)).toBe(true);
    for (const zone of [
      'UTC',
      'Etc/UTC',
      'GMT',
      'Asia/Kolkata',
      'Europe/Kyiv',
      'US/Eastern',
      'Etc/GMT-14',
    ])
      expect(isKnownTimeZone(zone)).toBe(true);
    expect(isKnownTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isKnownTimeZone('')).toBe(false);
    expect(canonicalTimeZoneName('europe/berlin')).toBe('Europe/Berlin');
    expect(() => offsetSecondsAt('Nowhere/City', 0)).toThrowError(DomainError);
    expect(knownTimeZones().length).toBeGreaterThan(500);
  });

  it('agrees with Intl at random instants 1970–2100 in every zone', () => {
    const zones = knownTimeZones();
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: Date.UTC(2100, 11, 31) / 1000 }),
        (zone, seconds) => {
          expect(offsetSecondsAt(zone, seconds)).toBe(intlOffsetSeconds(zone, seconds * 1000));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('agrees with Intl one second before and at every transition 2020–2060 (all zones)', () => {
    for (const zone of knownTimeZones()) {
      for (const t of zoneTransitions(zone, Date.UTC(2020, 0, 1), Date.UTC(2060, 0, 1))) {
        expect(offsetSecondsAt(zone, t.at - 1), `${zone} before ${t.at}`).toBe(
          intlOffsetSeconds(zone, (t.at - 1) * 1000),
        );
        expect(offsetSecondsAt(zone, t.at), `${zone} at ${t.at}`).toBe(
          intlOffsetSeconds(zone, t.at * 1000),
        );
      }
    }
  });
});

describe('local ⇄ UTC conversion at DST edges', () => {
  const cases: [zone: string, local: string, expectedUtcIso: string][] = [
    // spring forward gaps resolve forward (offset before the gap)
    ['Europe/Berlin', '2025-03-30T02:30', '2025-03-30T01:30:00.000Z'],
    ['America/New_York', '2025-03-09T02:30', '2025-03-09T07:30:00.000Z'],
    ['Australia/Sydney', '2025-10-05T02:30', '2025-10-04T16:30:00.000Z'],
    ['Australia/Adelaide', '2025-10-05T02:15', '2025-10-04T16:45:00.000Z'],
    // fall back overlaps take the first occurrence (daylight time)
    ['Europe/Berlin', '2025-10-26T02:30', '2025-10-26T00:30:00.000Z'],
    ['America/New_York', '2025-11-02T01:30', '2025-11-02T05:30:00.000Z'],
    ['Australia/Sydney', '2025-04-06T02:30', '2025-04-05T15:30:00.000Z'],
    ['Australia/Adelaide', '2025-04-06T02:30', '2025-04-05T16:00:00.000Z'],
    // half-hour zone without DST and far-future rule years
    ['Asia/Kolkata', '2025-06-01T09:00', '2025-06-01T03:30:00.000Z'],
    ['Europe/Berlin', '2090-07-01T12:00', '2090-07-01T10:00:00.000Z'],
    ['America/New_York', '2150-01-15T12:00', '2150-01-15T17:00:00.000Z'],
  ];
  it.each(cases)('%s %s → %s', (zone, wall, expected) => {
    const utcMs = localToUtcMs(zone, local(wall));
    expect(new Date(utcMs).toISOString()).toBe(expected);
  });

  it('round-trips valid local times and agrees with Intl (property)', () => {
    const zones = [
      'Europe/Berlin',
      'America/New_York',
      'Australia/Sydney',
      'Australia/Adelaide',
      'Asia/Kolkata',
      'America/Sao_Paulo',
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: 0, max: 4_102_444_800 }),
        (zone, seconds) => {
          const utcMs = seconds * 1000;
          const wall = utcMsToLocal(zone, utcMs);
          const back = localToUtcMs(zone, wall);
          // back is the first instant with that wall time: equal unless utcMs lies in the repeated hour
          expect(back <= utcMs).toBe(true);
          expect(formatDateTime(utcMsToLocal(zone, back))).toBe(formatDateTime(wall));
          expect(offsetSecondsAt(zone, seconds)).toBe(intlOffsetSeconds(zone, utcMs));
        },
      ),
      { numRuns: 5_000 },
    );
  });
});
