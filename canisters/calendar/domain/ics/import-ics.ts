/**
 * iCalendar text → domain events. Each VEVENT is mapped and validated on its own; a rejected one is
 * reported with its line, UID and reason while the others are kept. A structurally broken file
 * (unclosed or mismatched components, lines that are not content lines) is ICS_MALFORMED and yields
 * no events, unless `skipInvalid` is set: then the well-formed components are still imported.
 */
import { civilOfWallSeconds, SECONDS_PER_DAY, wallSecondsOf } from '../civil.ts';
import { DomainError, type DomainErrorCode } from '../errors.ts';
import { EVENT_LIMITS, COLOR_PATTERN } from '../model/event-limits.ts';
import { formatEventTime } from '../model/event-time.ts';
import type {
  CalendarEvent,
  EventInput,
  EventOverride,
  ReminderInput,
} from '../model/event-types.ts';
import { validateEventInput, validateOverride } from '../model/validate-event.ts';
import { canonicalTimeZoneName, utcSecondsToWall, wallToUtcSeconds } from '../tz/time-zone.ts';
import { ianaOfWindowsZone } from '../tz/windows-zones.ts';
import {
  firstProperty,
  parseComponentTree,
  propertiesNamed,
  type IcsComponent,
} from './component-tree.ts';
import type { ContentLine } from './content-lines.ts';
import { parseIcsDateValue } from './date-values.ts';
import { parseIcsDuration } from './duration.ts';
import { walkCalendars, type CalendarPart } from './event-components.ts';
import { capWarnings, MAX_REPORTED_DETAILS, type ImportWarning } from './import-warnings.ts';
import { synthesizeUid } from './synthesize-uid.ts';
import { matchVTimezone } from './vtimezone-match.ts';
import { unescapeText } from './text-escape.ts';

export interface ImportOptions {
  /** keep the well-formed components of a structurally broken file */
  skipInvalid?: boolean;
  /** zone for floating times (no TZID, no Z); default UTC */
  defaultTimeZone?: string;
  /** largest input accepted, in characters or bytes (default 4 MiB) */
  maxInputSize?: number;
  /** most VEVENTs accepted (default 5 000) */
  maxEvents?: number;
}

export interface RejectedComponent {
  line: number;
  component: string;
  uid?: string;
  code: DomainErrorCode;
  reason: string;
}

export interface ImportResult {
  calendarName?: string;
  events: CalendarEvent[];
  rejected: RejectedComponent[];
  /** repairs and guesses (synthesized UIDs, invalid UTF-8, nested calendars); at most 101 */
  warnings: ImportWarning[];
}

class Rejection extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly reason: string,
  ) {
    super(reason);
  }
}

const reject = (reason: string, code: DomainErrorCode = 'ICS_COMPONENT_INVALID'): never => {
  throw new Rejection(code, reason);
};

/**
 * Maps a TZID to a known zone: an IANA id, a VTIMEZONE's X-LIC-LOCATION, a Windows zone name (CLDR),
 * or a vendor prefix ending in an IANA id.
 */
function resolveTzid(tzid: string, aliases: Map<string, string>): string {
  const direct = knownZoneOf(tzid) ?? aliases.get(tzid);
  if (direct) return direct;
  return reject(`TZID "${tzid}" is not a known IANA time zone`, 'TZ_UNKNOWN');
}

/** An IANA id, a Windows zone name, or a vendor prefix ending in an IANA id. */
function knownZoneOf(tzid: string): string | undefined {
  const direct = canonicalTimeZoneName(tzid) ?? ianaOfWindowsZone(tzid);
  if (direct) return direct;
  const segments = tzid.split('/');
  for (let i = 1; i < segments.length; i++) {
    const candidate = canonicalTimeZoneName(segments.slice(i).join('/'));
    if (candidate) return candidate;
  }
  return undefined;
}

interface TimeValue {
  allDay: boolean;
  /** wall seconds in `zone` */
  wall: number;
  zone: string;
}

interface Context {
  defaultZone: string;
  tzAliases: Map<string, string>;
  warnings: ImportWarning[];
}

function readTimes(property: ContentLine, context: Context): TimeValue[] {
  const tzid = property.params['TZID']?.[0];
  const valueType = property.params['VALUE']?.[0]?.toUpperCase();
  return property.value.split(',').map((raw) => {
    const text = valueType === 'PERIOD' ? raw.split('/')[0]! : raw;
    const parsed = parseIcsDateValue(text);
    if (!parsed)
      return reject(`line ${property.line}: ${property.name} "${raw}" is not a DATE or DATE-TIME`);
    if (parsed.form === 'date') {
      return {
        allDay: true,
        wall: wallSecondsOf({ ...parsed.date, hour: 0, minute: 0, second: 0 }),
        zone: context.defaultZone,
      };
    }
    if (parsed.form === 'utc')
      return { allDay: false, wall: wallSecondsOf(parsed.dateTime), zone: 'UTC' };
    const zone = tzid === undefined ? context.defaultZone : resolveTzid(tzid, context.tzAliases);
    return { allDay: false, wall: wallSecondsOf(parsed.dateTime), zone };
  });
}

/** A time re-expressed as local text in `zone` (UTC or other-zone values are converted). */
function localIn(time: TimeValue, zone: string, allDay: boolean): string {
  if (allDay || time.zone === zone || time.allDay)
    return formatEventTime(civilOfWallSeconds(time.wall), allDay);
  const utc = wallToUtcSeconds(time.zone, time.wall);
  return formatEventTime(civilOfWallSeconds(utcSecondsToWall(zone, utc)), false);
}

function single(component: IcsComponent, name: string): ContentLine | undefined {
  const found = propertiesNamed(component, name);
  if (found.length > 1) reject(`${name} appears ${found.length} times (at most once)`);
  return found[0];
}

function text(component: IcsComponent, name: string): string | undefined {
  const property = single(component, name);
  return property === undefined ? undefined : unescapeText(property.value);
}

function readReminders(
  component: IcsComponent,
  rejected: RejectedComponent[],
  uid: string,
): ReminderInput[] {
  const reminders: ReminderInput[] = [];
  for (const alarm of component.children.filter((c) => c.name === 'VALARM')) {
    const note = (reason: string): void => {
      rejected.push({
        line: alarm.line,
        component: 'VALARM',
        uid,
        code: 'ICS_COMPONENT_INVALID',
        reason,
      });
    };
    const trigger = firstProperty(alarm, 'TRIGGER');
    const duration = trigger ? parseIcsDuration(trigger.value) : undefined;
    if (!trigger || !duration) {
      note(
        `TRIGGER must be a relative duration such as -PT15M, found ${JSON.stringify(trigger?.value ?? null)}`,
      );
      continue;
    }
    if (trigger.params['RELATED']?.[0]?.toUpperCase() === 'END') {
      note('TRIGGER;RELATED=END is not supported (reminders are relative to the start)');
      continue;
    }
    const seconds = duration.sign * (duration.days * SECONDS_PER_DAY + duration.seconds);
    if (seconds > 0 || -seconds / 60 > EVENT_LIMITS.reminderMaxMinutes || seconds % 60 !== 0) {
      note(
        `TRIGGER ${trigger.value} must be whole minutes, at or before the start, within four weeks`,
      );
      continue;
    }
    const action = firstProperty(alarm, 'ACTION')?.value.toUpperCase();
    const description = firstProperty(alarm, 'DESCRIPTION');
    reminders.push({
      minutesBefore: -seconds / 60,
      action: action === 'EMAIL' ? 'email' : 'display',
      ...(description ? { description: unescapeText(description.value) } : {}),
    });
  }
  return reminders.slice(0, EVENT_LIMITS.maxReminders);
}

interface MappedEvent {
  uid: string;
  line: number;
  recurrenceId?: TimeValue;
  event: CalendarEvent;
  cancelled: boolean;
}

function mapEvent(
  component: IcsComponent,
  context: Context,
  rejected: RejectedComponent[],
): MappedEvent {
  const uid = uidOf(component, context.warnings);
  if (uid.length > EVENT_LIMITS.uidMaxChars)
    reject(`UID must be at most ${EVENT_LIMITS.uidMaxChars} characters`);
  const dtstartProperty = single(component, 'DTSTART') ?? reject('DTSTART is required');
  const [start] = readTimes(dtstartProperty, context);
  const dtend = single(component, 'DTEND');
  const durationProperty = single(component, 'DURATION');
  if (dtend && durationProperty) reject('DTEND and DURATION must not both be present');
  const allDay = start!.allDay;
  const zone = allDay ? context.defaultZone : start!.zone;
  let endLocal: string;
  if (dtend) {
    const [end] = readTimes(dtend, context);
    if (end!.allDay !== allDay)
      reject('DTEND must have the same value type (DATE or DATE-TIME) as DTSTART');
    endLocal = localIn(end!, zone, allDay);
  } else if (durationProperty) {
    const duration =
      parseIcsDuration(durationProperty.value) ??
      reject(`DURATION "${durationProperty.value}" is not a duration`);
    if (duration.sign < 0) reject('DURATION must not be negative');
    if (allDay && duration.seconds !== 0) reject('an all-day DURATION must be whole days or weeks');
    // days are nominal (same wall time), hours/minutes/seconds exact
    const nominalWall = start!.wall + duration.days * SECONDS_PER_DAY;
    const endUtc = allDay ? nominalWall : wallToUtcSeconds(zone, nominalWall) + duration.seconds;
    endLocal = allDay
      ? formatEventTime(civilOfWallSeconds(nominalWall), true)
      : formatEventTime(civilOfWallSeconds(utcSecondsToWall(zone, endUtc)), false);
  } else {
    endLocal = formatEventTime(
      civilOfWallSeconds(start!.wall + (allDay ? SECONDS_PER_DAY : 0)),
      allDay,
    );
  }
  const startLocal = formatEventTime(civilOfWallSeconds(start!.wall), allDay);
  const rrules = propertiesNamed(component, 'RRULE');
  if (rrules.length > 1) reject('more than one RRULE is not supported');
  const times = (name: string): string[] =>
    propertiesNamed(component, name).flatMap((p) =>
      readTimes(p, context).map((t) => localIn(t, zone, allDay)),
    );
  const recurrenceIdProperty = single(component, 'RECURRENCE-ID');
  const color = text(component, 'X-ICP-COLOR') ?? text(component, 'COLOR');
  const transparency = text(component, 'TRANSP')?.toLowerCase();
  const sequenceText = text(component, 'SEQUENCE');
  const input: EventInput = {
    title: text(component, 'SUMMARY')?.trim() || '(untitled)',
    timeZone: zone,
    allDay,
    start: startLocal,
    end: endLocal,
    ...optional('description', text(component, 'DESCRIPTION')),
    ...optional('location', text(component, 'LOCATION')),
    ...optional('color', color !== undefined && COLOR_PATTERN.test(color) ? color : undefined),
    ...optional('rrule', rrules[0]?.value),
    ...optional(
      'exdates',
      propertiesNamed(component, 'EXDATE').length ? times('EXDATE') : undefined,
    ),
    ...optional('rdates', propertiesNamed(component, 'RDATE').length ? times('RDATE') : undefined),
    ...optional<'transparency', 'opaque' | 'transparent'>(
      'transparency',
      transparency === 'opaque' || transparency === 'transparent' ? transparency : undefined,
    ),
  };
  // DISPLAY alarms need a DESCRIPTION; the exporter uses the title when the reminder has none
  const reminders = readReminders(component, rejected, uid).map(({ description, ...rest }) =>
    description === undefined || description === input.title ? rest : { ...rest, description },
  );
  if (reminders.length > 0) input.reminders = reminders;
  const valid = validateEventInput(input);
  return {
    uid,
    line: component.line,
    ...(recurrenceIdProperty ? { recurrenceId: readTimes(recurrenceIdProperty, context)[0]! } : {}),
    cancelled: text(component, 'STATUS')?.toUpperCase() === 'CANCELLED',
    event: {
      ...valid,
      uid,
      sequence:
        sequenceText !== undefined && /^\d{1,9}$/.test(sequenceText) ? Number(sequenceText) : 0,
      overrides: [],
    },
  };
}

/** The UID, or a stable one synthesized from the content (reported as a warning). */
function uidOf(component: IcsComponent, warnings?: ImportWarning[]): string {
  const given = single(component, 'UID')?.value.trim();
  if (given) return given;
  const uid = synthesizeUid(component);
  warnings?.push({
    line: component.line,
    code: 'UID_SYNTHESIZED',
    message: `VEVENT has no UID; ${uid} was made from its content`,
  });
  return uid;
}

/** Floating times of a calendar: its X-WR-TIMEZONE, else its parent's, else the import's default. */
function calendarZone(part: CalendarPart, fallback: string, warnings: ImportWarning[]): string {
  const property = firstProperty(part.calendar, 'X-WR-TIMEZONE');
  const inherited = part.parent ? calendarZone(part.parent, fallback, []) : fallback;
  if (!property) return inherited;
  const name = property.value.trim();
  try {
    return resolveTzid(name, tzAliasesOf(part.calendar));
  } catch {
    warnings.push({
      line: property.line,
      code: 'TIME_ZONE_DEFAULTED',
      message: `X-WR-TIMEZONE "${name}" is not a known time zone; floating times use ${inherited}`,
    });
    return inherited;
  }
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** TZIDs of the file's VTIMEZONEs that are no known id: by X-LIC-LOCATION, else by their rules. */
function tzAliasesOf(calendar: IcsComponent, warnings?: ImportWarning[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const vtimezone of calendar.children.filter((c) => c.name === 'VTIMEZONE')) {
    const tzid = firstProperty(vtimezone, 'TZID')?.value;
    if (!tzid || knownZoneOf(tzid)) continue;
    const location = firstProperty(vtimezone, 'X-LIC-LOCATION')?.value;
    const known = location ? canonicalTimeZoneName(location) : undefined;
    if (known) {
      aliases.set(tzid, known);
      continue;
    }
    const matched = matchVTimezone(vtimezone, tzid);
    if (!matched) continue;
    aliases.set(tzid, matched);
    warnings?.push({
      line: vtimezone.line,
      code: 'TIME_ZONE_MAPPED',
      message: `TZID "${tzid}" is no known zone; its VTIMEZONE has the offsets of ${matched}`,
    });
  }
  return aliases;
}

function attachOverride(master: CalendarEvent, mapped: MappedEvent): EventOverride {
  const recurrenceId = localIn(mapped.recurrenceId!, master.timeZone, master.allDay);
  const own = mapped.event;
  const sameZone = (local: string): string =>
    own.timeZone === master.timeZone || master.allDay
      ? local
      : localIn(
          { allDay: false, wall: wallSecondsOf(parseLocal(local)), zone: own.timeZone },
          master.timeZone,
          false,
        );
  const override: EventOverride = mapped.cancelled
    ? { recurrenceId, cancelled: true }
    : {
        recurrenceId,
        start: sameZone(own.start),
        end: sameZone(own.end),
        ...(own.title !== master.title ? { title: own.title } : {}),
        ...(own.description !== master.description && own.description !== undefined
          ? { description: own.description }
          : {}),
        ...(own.location !== master.location && own.location !== undefined
          ? { location: own.location }
          : {}),
      };
  return validateOverride(master, override);
}

function parseLocal(local: string): {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
} {
  const [date, time = '00:00:00'] = local.split('T');
  const [year, month, day] = date!.split('-').map(Number);
  const [hour, minute, second] = time.split(':').map(Number);
  return {
    year: year!,
    month: month!,
    day: day!,
    hour: hour!,
    minute: minute!,
    second: second ?? 0,
  };
}

export function importIcs(input: string | Uint8Array, options: ImportOptions = {}): ImportResult {
  const maxInput = options.maxInputSize ?? 4 * 1024 * 1024;
  if (input.length > maxInput)
    throw new DomainError('ICS_MALFORMED', `input is larger than ${maxInput} bytes`);
  const defaultZone = canonicalTimeZoneName(options.defaultTimeZone ?? 'UTC');
  if (!defaultZone)
    throw new DomainError(
      'TZ_UNKNOWN',
      `default time zone "${options.defaultTimeZone}" is not known`,
    );
  const warnings: ImportWarning[] = [];
  const { calendars, problems } = parseComponentTree(input, warnings);
  if (problems.length > 0 && !options.skipInvalid) {
    const shown = problems.slice(0, MAX_REPORTED_DETAILS);
    const more = problems.length - shown.length;
    const summary =
      shown.map((p) => `line ${p.line}: ${p.message}`).join('; ') +
      (more > 0 ? `; and ${more} more problems` : '');
    throw new DomainError('ICS_MALFORMED', `the file is not valid iCalendar: ${summary}`, shown);
  }
  const rejected: RejectedComponent[] = problems.slice(0, MAX_REPORTED_DETAILS).map((p) => ({
    line: p.line,
    component: 'VCALENDAR',
    code: 'ICS_MALFORMED',
    reason: p.message,
  }));
  if (problems.length > MAX_REPORTED_DETAILS) {
    const more = problems.length - MAX_REPORTED_DETAILS;
    rejected.push({
      line: problems[MAX_REPORTED_DETAILS]!.line,
      component: 'VCALENDAR',
      code: 'ICS_MALFORMED',
      reason: `and ${more} more structure problems`,
    });
  }
  const walk = walkCalendars(calendars);
  warnings.push(...walk.warnings);
  for (const nested of walk.rejected) {
    const uid = firstProperty(nested.component, 'UID')?.value.trim();
    rejected.push({
      line: nested.component.line,
      component: nested.component.name,
      ...(uid ? { uid } : {}),
      code: 'ICS_COMPONENT_INVALID',
      reason: nested.reason,
    });
  }
  const masters = new Map<string, CalendarEvent>();
  const overrides: MappedEvent[] = [];
  const maxEvents = options.maxEvents ?? 5_000;
  let calendarName: string | undefined;
  let seen = 0;
  for (const part of walk.parts) {
    const calendar = part.calendar;
    const name = firstProperty(calendar, 'X-WR-CALNAME') ?? firstProperty(calendar, 'NAME');
    if (name && calendarName === undefined) calendarName = unescapeText(name.value);
    const tzAliases = new Map<string, string>();
    for (let p: CalendarPart | undefined = part; p; p = p.parent)
      for (const [tzid, zone] of tzAliasesOf(p.calendar, p === part ? warnings : undefined))
        if (!tzAliases.has(tzid)) tzAliases.set(tzid, zone);
    const context: Context = {
      defaultZone: calendarZone(part, defaultZone, warnings),
      tzAliases,
      warnings,
    };
    for (const component of part.events) {
      const uid = firstProperty(component, 'UID')?.value.trim();
      const note = (code: DomainErrorCode, reason: string): void => {
        rejected.push({
          line: component.line,
          component: 'VEVENT',
          ...(uid ? { uid } : {}),
          code,
          reason,
        });
      };
      if (!component.complete) {
        note('ICS_MALFORMED', 'the component is not closed properly');
        continue;
      }
      if (++seen > maxEvents) {
        note('ICS_COMPONENT_INVALID', `more than ${maxEvents} events in one import`);
        continue;
      }
      try {
        const mapped = mapEvent(component, context, rejected);
        if (mapped.recurrenceId) overrides.push(mapped);
        else if (masters.has(mapped.uid))
          note('ICS_COMPONENT_INVALID', `duplicate UID ${mapped.uid}`);
        else if (mapped.cancelled) note('ICS_COMPONENT_INVALID', 'STATUS:CANCELLED event skipped');
        else masters.set(mapped.uid, mapped.event);
      } catch (error) {
        if (error instanceof Rejection) note(error.code, error.reason);
        else if (error instanceof DomainError) note(error.code, error.reason);
        else throw error;
      }
    }
  }
  for (const mapped of overrides) {
    const master = masters.get(mapped.uid);
    const note = (reason: string, code: DomainErrorCode = 'ICS_COMPONENT_INVALID'): void => {
      rejected.push({ line: mapped.line, component: 'VEVENT', uid: mapped.uid, code, reason });
    };
    if (!master) {
      note('RECURRENCE-ID without a master event with the same UID');
      continue;
    }
    if (master.overrides.length >= EVENT_LIMITS.maxOverrides) {
      note(`more than ${EVENT_LIMITS.maxOverrides} overrides for one event`);
      continue;
    }
    try {
      master.overrides.push(attachOverride(master, mapped));
    } catch (error) {
      if (error instanceof DomainError) note(error.reason, error.code);
      else throw error;
    }
  }
  rejected.sort((a, b) => a.line - b.line);
  warnings.sort((a, b) => a.line - b.line);
  return {
    ...(calendarName === undefined ? {} : { calendarName }),
    events: [...masters.values()],
    rejected,
    warnings: capWarnings(warnings),
  };
}
