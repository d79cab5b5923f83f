/**
 * Real-world-shaped exports (written for this project, mimicking Google, Outlook/Exchange, Apple and
 * Fastmail with their quirks): every event is kept, and every instant equals an independent
 * computation with the file's own VTIMEZONE (ical.js) or, for floating times in X-WR-TIMEZONE, Temporal.
 */
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { expandEventOccurrences } from '../model/expand-event.ts';
import { importIcs } from './import-ics.ts';

const WINDOW = { from: Date.UTC(2026, 0, 1), to: Date.UTC(2027, 0, 1) };
const read = (name: string): Uint8Array =>
  new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));

/** Occurrence starts per SUMMARY, by ical.js with the file's own VTIMEZONEs. */
function icalStarts(bytes: Uint8Array): Map<string, number[]> {
  const text = new TextDecoder().decode(bytes).replace(/^\uFEFF/, '');
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const vtimezone of calendar.getAllSubcomponents('vtimezone'))
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  const starts = new Map<string, number[]>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    const list: number[] = [];
    const iterator = event.iterator();
    for (let next = iterator.next(); next && list.length < 100; next = iterator.next()) {
      const ms = next.toUnixTime() * 1000;
      if (ms >= WINDOW.to) break;
      if (ms >= WINDOW.from) list.push(ms);
    }
    starts.set(event.summary, list);
  }
  return starts;
}

function ourStarts(bytes: Uint8Array, defaultTimeZone = 'UTC'): Map<string, number[]> {
  const result = importIcs(bytes, { defaultTimeZone });
  expect(result.rejected).toEqual([]);
  return new Map(
    result.events.map((e) => [e.title, expandEventOccurrences(e, WINDOW).map((o) => o.start)]),
  );
}

describe('vendor-shaped fixtures', () => {
  it('Outlook/Exchange (BOM, Windows zone name, display-name VTIMEZONE) equals ical.js', () => {
    const bytes = read('outlook.ics');
    const ours = ourStarts(bytes);
    expect(ours.size).toBe(2);
    expect(ours).toEqual(icalStarts(bytes));
    expect(ours.get('Sync (Windows zone name)')![0]).toBe(Date.UTC(2026, 2, 8, 16)); // PDT
  });

  it('Apple (Lord Howe across its 30-minute shift) equals ical.js', () => {
    const bytes = read('apple.ics');
    const ours = ourStarts(bytes, 'Asia/Tokyo');
    expect(ours.size).toBe(1);
    expect(ours).toEqual(icalStarts(bytes));
  });

  it('Fastmail (LF lines, DURATION) equals ical.js except at the ambiguous fall-back hour', () => {
    const bytes = read('fastmail.ics');
    const ours = ourStarts(bytes, 'Asia/Tokyo').get('Monthly on the last Sunday')!;
    const ical = icalStarts(bytes).get('Monthly on the last Sunday')!;
    expect(ours.slice(1)).toEqual(ical.slice(1));
    // 25 Oct 2026 02:00 Berlin happens twice: RFC 5545 §3.3.5 and Temporal take the first (CEST),
    // ical.js the second (CET), one hour later
    expect(ours[0]).toBe(
      Temporal.PlainDateTime.from('2026-10-25T02:00').toZonedDateTime('Europe/Berlin')
        .epochMilliseconds,
    );
    expect(ical[0]! - ours[0]!).toBe(3_600_000);
  });

  it('Google (X-WR-TIMEZONE floating times, missing UID) equals Temporal', () => {
    const bytes = read('google.ics');
    const result = importIcs(bytes, { defaultTimeZone: 'Asia/Tokyo' });
    expect(result.rejected).toEqual([]);
    expect(result.events).toHaveLength(3);
    expect(result.warnings.map((w) => w.code)).toEqual(['UID_SYNTHESIZED']);
    const ours = ourStarts(bytes, 'Asia/Tokyo');
    const floating =
      Temporal.PlainDateTime.from('2026-03-29T00:30').toZonedDateTime('Europe/London');
    expect(ours.get('Floating in X-WR-TIMEZONE the night clocks change')).toEqual([
      floating.epochMilliseconds,
    ]);
    // the file has no VTIMEZONE for New York: Temporal gives the instants (01:00 on the fall-back
    // night is the first, daylight one)
    const weekly = ours.get('Weekly from the fall-back night')!;
    expect(weekly.slice(0, 2)).toEqual(
      ['2026-11-01T01:00', '2026-11-15T01:00'].map(
        (local) =>
          Temporal.PlainDateTime.from(local).toZonedDateTime('America/New_York').epochMilliseconds,
      ),
    );
    expect(ours.get('No UID (Google export of a copied event)')).toEqual([Date.UTC(2026, 11, 25)]);
  });
});
