import { IDL, Result } from '../../core/index.ts';

/** Candid types of the calendar canister (stable: the web components' bindings are generated from them). */
export const Visibility = IDL.Variant({ private: IDL.Null, public: IDL.Null });
export const ShareRole = IDL.Variant({ reader: IDL.Null, editor: IDL.Null });
export const Role = IDL.Variant({ owner: IDL.Null, editor: IDL.Null, reader: IDL.Null });

export const CalendarInput = IDL.Record({
  name: IDL.Text,
  description: IDL.Opt(IDL.Text),
  color: IDL.Opt(IDL.Text),
  time_zone: IDL.Text,
  visibility: Visibility,
});
export const Share = IDL.Record({ principal: IDL.Principal, role: ShareRole });
export const Calendar = IDL.Record({
  id: IDL.Text,
  owner: IDL.Principal,
  name: IDL.Text,
  description: IDL.Opt(IDL.Text),
  color: IDL.Opt(IDL.Text),
  time_zone: IDL.Text,
  visibility: Visibility,
  shares: IDL.Vec(Share),
  my_role: Role,
  event_count: IDL.Nat32,
  created_at: IDL.Nat64,
  updated_at: IDL.Nat64,
  /** mirrors an external .ics feed: event writes get CALENDAR_READ_ONLY */
  subscribed: IDL.Bool,
});

export const Reminder = IDL.Record({
  minutes_before: IDL.Nat32,
  action: IDL.Opt(IDL.Variant({ display: IDL.Null, email: IDL.Null })),
  description: IDL.Opt(IDL.Text),
});
export const Override = IDL.Record({
  recurrence_id: IDL.Text,
  cancelled: IDL.Bool,
  title: IDL.Opt(IDL.Text),
  description: IDL.Opt(IDL.Text),
  location: IDL.Opt(IDL.Text),
  start: IDL.Opt(IDL.Text),
  end: IDL.Opt(IDL.Text),
});
const eventFields = {
  title: IDL.Text,
  description: IDL.Opt(IDL.Text),
  location: IDL.Opt(IDL.Text),
  color: IDL.Opt(IDL.Text),
  time_zone: IDL.Text,
  all_day: IDL.Bool,
  start: IDL.Text,
  end: IDL.Text,
  rrule: IDL.Opt(IDL.Text),
  exdates: IDL.Vec(IDL.Text),
  rdates: IDL.Vec(IDL.Text),
  reminders: IDL.Vec(Reminder),
  transparent: IDL.Bool,
  overrides: IDL.Vec(Override),
};
export const EventInput = IDL.Record(eventFields);
export const Event = IDL.Record({
  ...eventFields,
  id: IDL.Text,
  calendar_id: IDL.Text,
  uid: IDL.Text,
  sequence: IDL.Nat32,
  created_at: IDL.Nat64,
  updated_at: IDL.Nat64,
});
export const DeleteScope = IDL.Variant({
  all: IDL.Null,
  occurrence: IDL.Text,
  this_and_following: IDL.Text,
});

export const Occurrence = IDL.Record({
  event_id: IDL.Text,
  calendar_id: IDL.Text,
  uid: IDL.Text,
  recurrence_id: IDL.Opt(IDL.Text),
  start_ms: IDL.Int64,
  end_ms: IDL.Int64,
  start_local: IDL.Text,
  end_local: IDL.Text,
  all_day: IDL.Bool,
  time_zone: IDL.Text,
  title: IDL.Text,
  description: IDL.Opt(IDL.Text),
  location: IDL.Opt(IDL.Text),
  color: IDL.Opt(IDL.Text),
  overridden: IDL.Bool,
});
export const ListEventsQuery = IDL.Record({
  calendar_ids: IDL.Vec(IDL.Text),
  from_ms: IDL.Int64,
  to_ms: IDL.Int64,
  cursor: IDL.Opt(IDL.Text),
  limit: IDL.Opt(IDL.Nat32),
});
export const PublicEventsQuery = IDL.Record({
  calendar_id: IDL.Text,
  from_ms: IDL.Int64,
  to_ms: IDL.Int64,
  cursor: IDL.Opt(IDL.Text),
  limit: IDL.Opt(IDL.Nat32),
});
export const OccurrencePage = IDL.Record({
  occurrences: IDL.Vec(Occurrence),
  next_cursor: IDL.Opt(IDL.Text),
});
export const BusyInterval = IDL.Record({ start_ms: IDL.Int64, end_ms: IDL.Int64 });
export const FreeBusy = IDL.Record({
  user: IDL.Principal,
  shared: IDL.Bool,
  busy: IDL.Vec(BusyInterval),
});
export const ImportRequest = IDL.Record({
  calendar_id: IDL.Text,
  ics: IDL.Text,
  skip_invalid: IDL.Bool,
});
export const RejectedComponent = IDL.Record({
  line: IDL.Nat32,
  component: IDL.Text,
  uid: IDL.Opt(IDL.Text),
  code: IDL.Text,
  reason: IDL.Text,
});
export const ImportWarning = IDL.Record({
  line: IDL.Nat32,
  code: IDL.Text,
  message: IDL.Text,
});
export const ImportReport = IDL.Record({
  applied: IDL.Bool,
  created: IDL.Nat32,
  updated: IDL.Nat32,
  unchanged: IDL.Nat32,
  rejected: IDL.Vec(RejectedComponent),
  warnings: IDL.Vec(ImportWarning),
});
export const ErasureProgress = IDL.Record({
  calendars: IDL.Nat32,
  events: IDL.Nat32,
  done: IDL.Bool,
});
export const CalendarDeletion = IDL.Record({ events_deleted: IDL.Nat32, done: IDL.Bool });

export const CalendarResult = Result(Calendar);
export const CalendarsResult = Result(IDL.Vec(Calendar));
export const CalendarDeletionResult = Result(CalendarDeletion);
export const EventResult = Result(Event);
export const OptEventResult = Result(IDL.Opt(Event));
export const SplitResult = Result(IDL.Record({ before: IDL.Opt(Event), after: Event }));
export const OccurrencePageResult = Result(OccurrencePage);
export const FreeBusyResult = Result(IDL.Vec(FreeBusy));
export const TextResult = Result(IDL.Text);
export const BoolResult = Result(IDL.Bool);
export const ImportResult = Result(ImportReport);
export const ErasureResult = Result(ErasureProgress);
export const PrincipalResult = Result(IDL.Principal);
export const MovePage = IDL.Record({ items: IDL.Vec(IDL.Vec(IDL.Nat8)), next: IDL.Opt(IDL.Text) });
export const MoveView = IDL.Record({ direction: IDL.Text, peer: IDL.Principal });
export const MovePageResult = Result(MovePage);
export const MoveCountResult = Result(IDL.Nat32);
export const MoveDoneResult = Result(IDL.Null);
