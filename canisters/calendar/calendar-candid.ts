import { Principal } from '../../core/index.ts';
import type { CalendarFields } from './calendar-book.ts';
import type { CalendarRecord, EventRecord, Role, ShareRole, Visibility } from './calendar-model.ts';
import type { EventOverride, ReminderInput } from './domain/index.ts';
import type { EventDraft } from './event-book.ts';
import type { ListedOccurrence } from './occurrence-query.ts';

/** Conversions between Candid values (snake_case, opt as []/[x], variants) and the records. */
type Opt<T> = [] | [T];
type Variant<K extends string> = { [P in K]: { [Q in P]: null } }[K];

const opt = <T>(value: T | undefined): Opt<T> => (value === undefined ? [] : [value]);
const unopt = <T>(value: Opt<T>): T | undefined => value[0];
const tag = <K extends string>(value: K): Variant<K> => ({ [value]: null }) as Variant<K>;
const untag = <K extends string>(value: Variant<K>): K => Object.keys(value)[0] as K;

export interface CalendarInputView {
  name: string;
  description: Opt<string>;
  color: Opt<string>;
  time_zone: string;
  visibility: Variant<Visibility>;
}

export function calendarFields(input: CalendarInputView): CalendarFields {
  return {
    name: input.name,
    timeZone: input.time_zone,
    visibility: untag(input.visibility),
    ...(input.description.length ? { description: input.description[0] } : {}),
    ...(input.color.length ? { color: input.color[0] } : {}),
  };
}

export function calendarView(calendar: CalendarRecord, role: Role) {
  return {
    id: calendar.id,
    owner: Principal.fromText(calendar.owner),
    name: calendar.name,
    description: opt(calendar.description),
    color: opt(calendar.color),
    time_zone: calendar.timeZone,
    visibility: tag(calendar.visibility),
    shares:
      role === 'owner'
        ? calendar.shares.map((s) => ({
            principal: Principal.fromText(s.principal),
            role: tag<ShareRole>(s.role),
          }))
        : [],
    my_role: tag(role),
    event_count: calendar.eventCount,
    created_at: calendar.createdAt,
    updated_at: calendar.updatedAt,
    subscribed: calendar.subscribed === true,
  };
}

interface ReminderView {
  minutes_before: number;
  action: Opt<Variant<'display' | 'email'>>;
  description: Opt<string>;
}
interface OverrideView {
  recurrence_id: string;
  cancelled: boolean;
  title: Opt<string>;
  description: Opt<string>;
  location: Opt<string>;
  start: Opt<string>;
  end: Opt<string>;
}
export interface EventInputView {
  title: string;
  description: Opt<string>;
  location: Opt<string>;
  color: Opt<string>;
  time_zone: string;
  all_day: boolean;
  start: string;
  end: string;
  rrule: Opt<string>;
  exdates: string[];
  rdates: string[];
  reminders: ReminderView[];
  transparent: boolean;
  overrides: OverrideView[];
}

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[])
    if (value[key] === undefined) delete value[key];
  return value;
}

export function eventDraft(input: EventInputView): EventDraft {
  return defined({
    title: input.title,
    description: unopt(input.description),
    location: unopt(input.location),
    color: unopt(input.color),
    timeZone: input.time_zone,
    allDay: input.all_day,
    start: input.start,
    end: input.end,
    rrule: unopt(input.rrule),
    exdates: input.exdates,
    rdates: input.rdates,
    reminders: input.reminders.map((r) =>
      defined<ReminderInput>({
        minutesBefore: r.minutes_before,
        action: r.action.length ? untag(r.action[0]!) : undefined,
        description: unopt(r.description),
      }),
    ),
    transparency: input.transparent ? 'transparent' : 'opaque',
    overrides: input.overrides.map((o) =>
      defined<EventOverride>({
        recurrenceId: o.recurrence_id,
        cancelled: o.cancelled || undefined,
        title: unopt(o.title),
        description: unopt(o.description),
        location: unopt(o.location),
        start: unopt(o.start),
        end: unopt(o.end),
      }),
    ),
  });
}

export function eventView(record: EventRecord) {
  const e = record.event;
  return {
    id: record.id,
    calendar_id: record.calendarId,
    uid: e.uid,
    sequence: e.sequence,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    title: e.title,
    description: opt(e.description),
    location: opt(e.location),
    color: opt(e.color),
    time_zone: e.timeZone,
    all_day: e.allDay,
    start: e.start,
    end: e.end,
    rrule: opt(e.rrule),
    exdates: e.exdates ?? [],
    rdates: e.rdates ?? [],
    reminders: (e.reminders ?? []).map((r) => ({
      minutes_before: r.minutesBefore,
      action: r.action === undefined ? [] : [tag(r.action)],
      description: opt(r.description),
    })),
    transparent: e.transparency === 'transparent',
    overrides: e.overrides.map((o) => ({
      recurrence_id: o.recurrenceId,
      cancelled: o.cancelled === true,
      title: opt(o.title),
      description: opt(o.description),
      location: opt(o.location),
      start: opt(o.start),
      end: opt(o.end),
    })),
  };
}

export function occurrenceView(o: ListedOccurrence) {
  return {
    event_id: o.eventId,
    calendar_id: o.calendarId,
    uid: o.uid,
    recurrence_id: opt(o.recurrenceId),
    start_ms: BigInt(o.start),
    end_ms: BigInt(o.end),
    start_local: o.startLocal,
    end_local: o.endLocal,
    all_day: o.allDay,
    time_zone: o.timeZone,
    title: o.title,
    description: opt(o.description),
    location: opt(o.location),
    color: opt(o.color),
    overridden: o.overridden,
  };
}
