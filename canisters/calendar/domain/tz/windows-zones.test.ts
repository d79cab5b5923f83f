import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { WINDOWS_ZONES } from './generated/windows-zones.ts';
import { canonicalTimeZoneName, offsetSecondsAt } from './time-zone.ts';
import { ianaOfWindowsZone } from './windows-zones.ts';

interface MapZone {
  mapZone: { _other: string; _type: string; _territory: string };
}
const cldr = JSON.parse(
  readFileSync(
    createRequire(import.meta.url).resolve('cldr-core/supplemental/windowsZones.json'),
    'utf8',
  ),
) as { supplemental: { windowsZones: { mapTimezones: MapZone[] } } };
const defaults = cldr.supplemental.windowsZones.mapTimezones.filter(
  (z) => z.mapZone._territory === '001',
);

describe('Windows zone names', () => {
  it('map every default (001) entry of CLDR windowsZones to the same zone, and nothing else', () => {
    expect(defaults.length).toBeGreaterThan(130);
    expect(Object.keys(WINDOWS_ZONES)).toHaveLength(defaults.length);
    for (const { mapZone } of defaults) {
      const iana = ianaOfWindowsZone(mapZone._other);
      expect(iana, mapZone._other).toBe(canonicalTimeZoneName(mapZone._type));
      // upper case, as some exporters write it, finds the same zone
      expect(ianaOfWindowsZone(mapZone._other.toUpperCase())).toBe(iana);
    }
    expect(ianaOfWindowsZone('Mars Standard Time')).toBeUndefined();
  });

  it('name zones with the offsets their Windows names promise', () => {
    const july = Date.UTC(2025, 6, 1) / 1000;
    const january = Date.UTC(2025, 0, 1) / 1000;
    expect(offsetSecondsAt(ianaOfWindowsZone('Pacific Standard Time')!, july)).toBe(-7 * 3600);
    expect(offsetSecondsAt(ianaOfWindowsZone('W. Europe Standard Time')!, january)).toBe(3600);
    expect(offsetSecondsAt(ianaOfWindowsZone('India Standard Time')!, july)).toBe(19_800);
    expect(offsetSecondsAt(ianaOfWindowsZone('Lord Howe Standard Time')!, january)).toBe(39_600);
  });
});
