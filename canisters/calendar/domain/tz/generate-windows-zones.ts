/**
 * Build time only (Node): writes tz/generated/windows-zones.ts, the Windows zone names of CLDR's
 * windowsZones table (territory 001, the zone Windows means by default) mapped to ids of our tz
 * table. The table comes from the `cldr-core` package (a devDependency), so a newer CLDR is a
 * package update and a re-run: `npx tsx canisters/calendar/domain/tz/generate-windows-zones.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { canonicalTimeZoneName } from './time-zone.ts';

interface CldrWindowsZones {
  supplemental: {
    version: { _unicodeVersion: string; _cldrVersion: string };
    windowsZones: {
      mapTimezones: { mapZone: { _other: string; _type: string; _territory: string } }[];
    };
  };
}

const require = createRequire(import.meta.url);
const source = require.resolve('cldr-core/supplemental/windowsZones.json');
const table = JSON.parse(readFileSync(source, 'utf8')) as CldrWindowsZones;

export function windowsZoneEntries(data: CldrWindowsZones = table): [string, string][] {
  const entries: [string, string][] = [];
  for (const { mapZone } of data.supplemental.windowsZones.mapTimezones) {
    if (mapZone._territory !== '001') continue;
    const first = mapZone._type.split(' ')[0]!;
    const known = canonicalTimeZoneName(first);
    if (!known) throw new Error(`CLDR maps "${mapZone._other}" to ${first}, not in the tz table`);
    entries.push([mapZone._other, known]);
  }
  return entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const entries = windowsZoneEntries();
  const version = table.supplemental.version._cldrVersion;
  const lines = [
    '// GENERATED FILE — do not edit. Produced by canisters/calendar/domain/tz/generate-windows-zones.ts',
    `// from CLDR ${version} supplemental/windowsZones (territory 001), via the cldr-core package.`,
    '',
    `export const WINDOWS_ZONES_SOURCE = { cldr: '${version}' } as const;`,
    '',
    '/** Windows time zone name → IANA id of the tz table. */',
    'export const WINDOWS_ZONES: Record<string, string> = {',
    ...entries.map(([windows, iana]) => `  ${JSON.stringify(windows)}: ${JSON.stringify(iana)},`),
    '};',
    '',
  ];
  const target = join(dirname(fileURLToPath(import.meta.url)), 'generated', 'windows-zones.ts');
  writeFileSync(target, lines.join('\n'));
  console.log(`${entries.length} Windows zone names (CLDR ${version}) → ${target}`);
}
