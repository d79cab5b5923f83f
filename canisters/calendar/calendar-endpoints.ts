import { allow, caller, IDL, inject, type Principal, query, update } from '../../core/index.ts';
import { calendarFields, type CalendarInputView, calendarView } from './calendar-candid.ts';
import {
  BoolResult,
  CalendarDeletionResult,
  CalendarInput,
  CalendarResult,
  CalendarsResult,
  ShareRole,
} from './calendar-idl.ts';
import type { ShareRole as Role } from './calendar-model.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';

const me = () => caller().toText();

/** Calendars and their shares. Access is checked per record (owner, editor, reader, public). */
export class CalendarEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  @update([CalendarInput], CalendarResult)
  @allow('user')
  create_calendar(input: CalendarInputView) {
    return calendarView(this.service.calendars.create(me(), calendarFields(input)), 'owner');
  }

  @update([IDL.Text, CalendarInput], CalendarResult)
  @allow('user')
  update_calendar(id: string, input: CalendarInputView) {
    return calendarView(this.service.calendars.update(me(), id, calendarFields(input)), 'owner');
  }

  /** Deletes up to 2 000 events per call; call again while `done` is false. */
  @update([IDL.Text], CalendarDeletionResult)
  @allow('user')
  delete_calendar(id: string) {
    const outcome = this.service.deleteCalendar(me(), id);
    return { events_deleted: outcome.eventsDeleted, done: outcome.done };
  }

  @query([IDL.Text], CalendarResult)
  @allow('public')
  get_calendar(id: string) {
    const { calendar, role } = this.service.calendars.requireReadable(me(), id);
    return calendarView(calendar, role);
  }

  /** The caller's own calendars, then those shared with them. */
  @query([], CalendarsResult)
  @allow('user')
  list_calendars() {
    const who = me();
    return this.service.calendars
      .listFor(who)
      .map((c) => calendarView(c, this.service.calendars.roleOf(c, who) ?? 'reader'));
  }

  @update([IDL.Text, IDL.Principal, ShareRole], CalendarResult)
  @allow('user')
  share_calendar(id: string, grantee: Principal, role: { reader: null } | { editor: null }) {
    const level = Object.keys(role)[0] as Role;
    return calendarView(this.service.calendars.share(me(), id, grantee.toText(), level), 'owner');
  }

  @update([IDL.Text, IDL.Principal], CalendarResult)
  @allow('user')
  unshare_calendar(id: string, grantee: Principal) {
    return calendarView(this.service.calendars.unshare(me(), id, grantee.toText()), 'owner');
  }

  /** Opt in (or out) of showing busy times to anyone who asks free_busy. */
  @update([IDL.Bool], BoolResult)
  @allow('user')
  set_free_busy_sharing(visible: boolean) {
    return this.service.freeBusy.setVisible(me(), visible);
  }
}
