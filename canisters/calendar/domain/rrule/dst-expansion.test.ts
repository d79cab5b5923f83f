/** Zoned expansion across DST changes, checked against Node's Intl (test-only oracle). */
import { describe, expect, it } from 'vitest';
import { expand } from './expand-recurrence.ts';

function intlWall(zone: string, utcMs: number): string {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(utcMs);
  const get = (type: string): string => parts.find((p) => p.type === type)!.value;
  return `${get('year')}-${get('month')}-${get('day')}T${get('hour')}:${get('minute')}`;
}

const pad = (n: number): string => String(n).padStart(2, '0');

describe('expansion across DST, checked with Intl', () => {
  const zones = [
    'Europe/Berlin',
    'America/New_York',
    'Australia/Sydney',
    'Australia/Adelaide',
    'Asia/Kolkata',
    'Australia/Lord_Howe',
    'America/Santiago',
  ];

  it.each(zones)('a daily 09:00 series stays 09:00 local for three years in %s', (zone) => {
    const instances = expand(
      'FREQ=DAILY',
      { year: 2024, month: 1, day: 1, hour: 9, minute: 0, second: 0 },
      zone,
      {
        to: Date.UTC(2027, 0, 1),
      },
    );
    expect(instances.length).toBeGreaterThan(1090);
    for (const instance of instances) {
      const { year, month, day } = instance.local;
      expect(intlWall(zone, instance.utcMs)).toBe(`${year}-${pad(month)}-${pad(day)}T09:00`);
    }
  });

  it.each([
    ['America/New_York', '02:30', '2025-03-09T03:30'],
    ['Europe/Berlin', '02:30', '2025-03-30T03:30'],
    ['Australia/Sydney', '02:30', '2025-10-05T03:30'],
    ['Australia/Lord_Howe', '02:15', '2025-10-05T02:45'], // half-hour DST: 02:00–02:30 does not exist
  ])(
    'in %s a daily series at %s moves forward on the gap day (%s) and back after',
    (zone, time, gapDay) => {
      const [date] = gapDay.split('T');
      const [y, m, d] = date!.split('-').map(Number);
      const [hour, minute] = time.split(':').map(Number);
      const instances = expand(
        'FREQ=DAILY;COUNT=3',
        { year: y!, month: m!, day: d! - 1, hour: hour!, minute: minute!, second: 0 },
        zone,
      );
      const walls = instances.map((i) => intlWall(zone, i.utcMs));
      expect(walls[1]).toBe(gapDay);
      expect(walls[0]!.endsWith(time)).toBe(true);
      expect(walls[2]!.endsWith(time)).toBe(true);
      // the instance still carries the rule's local time as its identity (RECURRENCE-ID)
      expect(instances[1]!.local.hour).toBe(2);
    },
  );

  it('an ambiguous 01:30 (New York fall-back) is the first occurrence, EDT', () => {
    const [first] = expand(
      'FREQ=YEARLY;COUNT=1',
      { year: 2025, month: 11, day: 2, hour: 1, minute: 30, second: 0 },
      'America/New_York',
    );
    expect(new Date(first!.utcMs).toISOString()).toBe('2025-11-02T05:30:00.000Z');
  });
});
