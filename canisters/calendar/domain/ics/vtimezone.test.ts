import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { expand } from '../rrule/expand-recurrence.ts';
import { knownTimeZones } from '../tz/time-zone.ts';
import { TZ_ZONES } from '../tz/generated/tz-data.ts';
import { offsetSecondsAt } from '../tz/time-zone.ts';
import { wallSecondsOf } from '../civil.ts';

/** True when the wall time exists exactly once in the zone. */
function unambiguous(zone: string, wall: number): boolean {
  const offsets = new Set([
    offsetSecondsAt(zone, wall - 86_400),
    offsetSecondsAt(zone, wall + 86_400),
  ]);
  return (
    [...offsets].filter((offset) => offsetSecondsAt(zone, wall - offset) === offset).length === 1
  );
}
import { buildVTimezone } from './vtimezone.ts';

describe('generated VTIMEZONE', () => {
  it('gives ical.js the same instants as the tz module for a monthly 02:30 series 2024–2031 in every zone', () => {
    const zones = Object.keys(TZ_ZONES);
    expect(zones.length).toBeGreaterThan(250);
    let compared = 0;
    const dtstart = { year: 2024, month: 1, day: 20, hour: 2, minute: 30, second: 0 };
    for (const zone of zones) {
      const text = [
        'BEGIN:VCALENDAR',
        'VERSION:2.0',
        'PRODID:test',
        ...buildVTimezone(zone, 2024),
        'END:VCALENDAR',
      ].join('\r\n');
      const vtimezone = new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vtimezone')!;
      const timezone = new ICAL.Timezone(vtimezone);
      const ours = expand('FREQ=MONTHLY;COUNT=96', dtstart, zone);
      for (const instance of ours) {
        const local = instance.local;
        const time = ICAL.Time.fromData({ ...local, isDate: false }, timezone);
        const theirs = time.toUnixTime() * 1000;
        // ical.js resolves skipped and repeated local times its own way; compare the unambiguous ones
        if (!unambiguous(zone, wallSecondsOf(local))) continue;
        compared++;
        expect(theirs, `${zone} ${JSON.stringify(local)}`).toBe(instance.utcMs);
      }
    }
    expect(compared).toBeGreaterThan(zones.length * 90);
    expect(knownTimeZones().length).toBeGreaterThan(zones.length);
  });
});
