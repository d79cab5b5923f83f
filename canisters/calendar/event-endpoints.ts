import {
  allow,
  caller,
  CanisterError,
  IDL,
  inject,
  type Principal,
  query,
  update,
} from '../../core/index.ts';
import { eventDraft, type EventInputView, eventView, occurrenceView } from './calendar-candid.ts';
import {
  DeleteScope,
  EventInput,
  EventResult,
  FreeBusyResult,
  ImportRequest,
  ImportResult,
  ListEventsQuery,
  OccurrencePageResult,
  OptEventResult,
  PublicEventsQuery,
  SplitResult,
  TextResult,
} from './calendar-idl.ts';
import { CALENDAR_LIMITS } from './calendar-model.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';
import type { DeleteScope as Scope } from './event-book.ts';
import type { OccurrencePage } from './occurrence-query.ts';

const me = () => caller().toText();

type ScopeView = { all: null } | { occurrence: string } | { this_and_following: string };

function scopeOf(view: ScopeView): Scope {
  if ('occurrence' in view) return { kind: 'occurrence', recurrenceId: view.occurrence };
  if ('this_and_following' in view)
    return { kind: 'following', recurrenceId: view.this_and_following };
  return { kind: 'all' };
}

function pageView(page: OccurrencePage) {
  return {
    occurrences: page.occurrences.map(occurrenceView),
    next_cursor: page.nextCursor === undefined ? ([] as []) : ([page.nextCursor] as [string]),
  };
}

interface Paging {
  from_ms: bigint;
  to_ms: bigint;
  cursor: [] | [string];
  limit: [] | [number];
}

const windowOf = (q: Paging) => ({ from: Number(q.from_ms), to: Number(q.to_ms) });
const limitOf = (q: Paging) => q.limit[0] ?? CALENDAR_LIMITS.defaultPageSize;

/** Events: writes need owner or editor; reads follow the calendar (shared or public). */
export class EventEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  @update([IDL.Text, EventInput], EventResult)
  @allow('user')
  create_event(calendarId: string, input: EventInputView) {
    return eventView(this.service.events.create(me(), calendarId, eventDraft(input)));
  }

  /** `sequence` is the one the caller edited; a newer stored one gives EVENT_CONFLICT. */
  @update([IDL.Text, IDL.Nat32, EventInput], EventResult)
  @allow('user')
  update_event(eventId: string, sequence: number, input: EventInputView) {
    return eventView(this.service.events.update(me(), eventId, sequence, eventDraft(input)));
  }

  /** Returns what is left of the event (none when it was deleted whole). */
  @update([IDL.Text, DeleteScope], OptEventResult)
  @allow('user')
  delete_event(eventId: string, scope: ScopeView) {
    const left = this.service.events.delete(me(), eventId, scopeOf(scope));
    return left === undefined ? [] : [eventView(left)];
  }

  /**
   * "This and following" in one step: the series ends before `recurrence_id` and a new event from
   * `input` takes over. Written only when every check passed, so a refusal leaves the series as it was.
   */
  @update([IDL.Text, IDL.Nat32, IDL.Text, EventInput], SplitResult)
  @allow('user')
  split_event(eventId: string, sequence: number, recurrenceId: string, input: EventInputView) {
    const { before, after } = this.service.events.split(
      me(),
      eventId,
      sequence,
      recurrenceId,
      eventDraft(input),
    );
    return {
      before: before === undefined ? [] : [eventView(before)],
      after: eventView(after),
    };
  }

  @query([IDL.Text], EventResult)
  @allow('public')
  get_event(eventId: string) {
    return eventView(this.service.events.get(me(), eventId));
  }

  @query([ListEventsQuery], OccurrencePageResult)
  @allow('public')
  list_events(q: Paging & { calendar_ids: string[] }) {
    if (
      q.calendar_ids.length === 0 ||
      q.calendar_ids.length > CALENDAR_LIMITS.maxCalendarsPerQuery
    ) {
      throw new CanisterError('QUERY_INVALID', 'name between 1 and 20 calendars', {
        found: String(q.calendar_ids.length),
      });
    }
    const who = me();
    for (const id of q.calendar_ids) this.service.calendars.requireReadable(who, id);
    return pageView(
      this.service.occurrences.page(
        [...new Set(q.calendar_ids)],
        windowOf(q),
        q.cursor[0],
        limitOf(q),
      ),
    );
  }

  /** For anonymous visitors: only public calendars, whoever calls. */
  @query([PublicEventsQuery], OccurrencePageResult)
  @allow('public')
  list_public_events(q: Paging & { calendar_id: string }) {
    const calendar = this.service.calendars.get(q.calendar_id);
    if (calendar === undefined || calendar.visibility !== 'public') {
      throw new CanisterError(
        'CALENDAR_NOT_FOUND',
        `no public calendar '${q.calendar_id.slice(0, 100)}'`,
      );
    }
    return pageView(
      this.service.occurrences.page([calendar.id], windowOf(q), q.cursor[0], limitOf(q)),
    );
  }

  @query([IDL.Vec(IDL.Principal), IDL.Int64, IDL.Int64], FreeBusyResult)
  @allow('public')
  free_busy(users: Principal[], fromMs: bigint, toMs: bigint) {
    const reports = this.service.freeBusy.query(
      users.map((u) => u.toText()),
      { from: Number(fromMs), to: Number(toMs) },
    );
    return reports.map((r, i) => ({
      user: users[i]!,
      shared: r.shared,
      busy: r.busy.map((b) => ({ start_ms: BigInt(b.start), end_ms: BigInt(b.end) })),
    }));
  }

  @query([IDL.Text], TextResult)
  @allow('public')
  export_ics(calendarId: string) {
    return this.service.ics.export(me(), calendarId);
  }

  @update([ImportRequest], ImportResult)
  @allow('user')
  import_ics(request: { calendar_id: string; ics: string; skip_invalid: boolean }) {
    const report = this.service.ics.import(
      me(),
      request.calendar_id,
      request.ics,
      request.skip_invalid,
    );
    return {
      ...report,
      rejected: report.rejected.map((r) => ({
        line: r.line,
        component: r.component,
        uid: r.uid === undefined ? [] : [r.uid],
        code: r.code,
        reason: r.reason,
      })),
      warnings: report.warnings.map((w) => ({ line: w.line, code: w.code, message: w.message })),
    };
  }
}
