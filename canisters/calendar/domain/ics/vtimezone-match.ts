/**
 * A VTIMEZONE whose TZID is no known id (Outlook's "(UTC+07:00) Bangkok, Hanoi, Jakarta", custom
 * names) is read (STANDARD/DAYLIGHT with DTSTART, RRULE, RDATE, TZOFFSETFROM/TO) and matched to a
 * zone of the table with the same UTC offsets around every onset of the definition's current rules.
 * Among equal zones, one whose city is named in the TZID wins. Events are stored with that zone.
 */
import { wallSecondsOf } from '../civil.ts';
import { expand } from '../rrule/expand-recurrence.ts';
import { TZ_LINKS, TZ_ZONES } from '../tz/generated/tz-data.ts';
import { offsetSecondsAt } from '../tz/time-zone.ts';
import { propertiesNamed, type IcsComponent } from './component-tree.ts';
import { parseIcsDateValue } from './date-values.ts';

interface Observance {
  start: { year: number; month: number; day: number; hour: number; minute: number; second: number };
  offsetFrom: number;
  offsetTo: number;
  rrule?: string;
  rdates: number[];
}

function parseOffset(text: string | undefined): number | undefined {
  const match = /^([+-])(\d{2})(\d{2})(\d{2})?$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4] ?? 0);
  return match[1] === '-' ? -seconds : seconds;
}

function observancesOf(vtimezone: IcsComponent): Observance[] {
  const observances: Observance[] = [];
  for (const child of vtimezone.children) {
    if (child.name !== 'STANDARD' && child.name !== 'DAYLIGHT') continue;
    const start = parseIcsDateValue(propertiesNamed(child, 'DTSTART')[0]?.value ?? '');
    const offsetFrom = parseOffset(propertiesNamed(child, 'TZOFFSETFROM')[0]?.value);
    const offsetTo = parseOffset(propertiesNamed(child, 'TZOFFSETTO')[0]?.value);
    if (!start || start.form === 'date' || offsetFrom === undefined || offsetTo === undefined)
      continue;
    const rdates = propertiesNamed(child, 'RDATE')
      .flatMap((p) => p.value.split(','))
      .map((v) => parseIcsDateValue(v))
      .flatMap((v) => (v && v.form !== 'date' ? [wallSecondsOf(v.dateTime)] : []));
    const rrule = propertiesNamed(child, 'RRULE')[0]?.value;
    observances.push({
      start: start.dateTime,
      offsetFrom,
      offsetTo,
      rdates,
      ...(rrule ? { rrule } : {}),
    });
  }
  return observances;
}

/** Onsets within [fromYear, toYear): UTC seconds, offset before, offset after. */
function onsets(observances: Observance[], fromYear: number, toYear: number): number[][] {
  const from = Date.UTC(fromYear, 0, 1);
  const to = Date.UTC(toYear, 0, 1);
  const found: number[][] = [];
  for (const o of observances) {
    const walls = [wallSecondsOf(o.start), ...o.rdates];
    if (o.rrule)
      for (const instance of expand(o.rrule, o.start, 'UTC', { from, to, limit: 200 }))
        walls.push(instance.utcMs / 1000);
    for (const wall of walls) {
      const utc = wall - o.offsetFrom;
      if (utc * 1000 >= from && utc * 1000 < to) found.push([utc, o.offsetFrom, o.offsetTo]);
    }
  }
  return found.sort((x, y) => x[0]! - y[0]!);
}

/** UTC seconds → the offset the definition gives there, at onsets' edges and mid-month. */
function probesOf(observances: Observance[], fromYear: number, years: number): number[][] {
  const changes = onsets(observances, fromYear, fromYear + years);
  if (changes.length === 0) {
    const only = observances[observances.length - 1]!;
    return [[Date.UTC(fromYear, 6, 1) / 1000, only.offsetTo]];
  }
  const offsetAt = (t: number): number => {
    let offset = changes[0]![1]!;
    for (const [at, , after] of changes) if (at! <= t) offset = after!;
    return offset;
  };
  const probes = changes.flatMap(([at, before, after]) => [
    [at! - 1, before!],
    [at!, after!],
  ]);
  for (let month = 0; month < years * 12; month++) {
    const t = Date.UTC(fromYear, month, 15) / 1000;
    probes.push([t, offsetAt(t)]);
  }
  return probes;
}

const cityWords = (zone: string): string =>
  zone
    .slice(zone.lastIndexOf('/') + 1)
    .replace(/_/g, ' ')
    .toLowerCase();

/** The zone of the table that keeps the definition's offsets, or undefined. */
export function matchVTimezone(vtimezone: IcsComponent, tzid: string): string | undefined {
  const observances = observancesOf(vtimezone);
  if (observances.length === 0) return undefined;
  const fromYear = Math.max(2020, ...observances.map((o) => o.start.year));
  const probes = probesOf(observances, fromYear, 3);
  const matches = Object.keys(TZ_ZONES).filter((zone) =>
    probes.every(([t, offset]) => offsetSecondsAt(zone, t!) === offset),
  );
  if (matches.length === 0) return undefined;
  const equal = new Set(matches);
  const named = [...matches, ...Object.keys(TZ_LINKS).filter((l) => equal.has(TZ_LINKS[l]!))]
    .filter((zone) => zone.includes('/') && !zone.startsWith('Etc/'))
    .find((zone) => tzid.toLowerCase().includes(cityWords(zone)));
  return named ?? matches.sort()[0];
}
