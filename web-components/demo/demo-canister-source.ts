import type { Identity } from '@dfinity/agent';

import { CalendarSourceError } from '../client/calendar-source.ts';
import { connectCalendarCanister, type CanisterConnection } from '../client/canister-connection.ts';

export interface DemoCanisterOptions {
  host: string;
  canisterId: string;
  publicCalendarId: string;
  timeZone: string;
}

/**
 * The demo's source: the widget's own canister connection over the seeded public calendar, plus, once
 * signed in, the user's calendars. Demo-only: a first sign-in gets a private calendar to edit.
 */
export async function connectDemoCalendar(
  options: DemoCanisterOptions,
  identity: Identity | null,
): Promise<CanisterConnection> {
  const connect = () =>
    connectCalendarCanister({
      host: options.host,
      canisterId: options.canisterId,
      identity,
      calendarIds: [options.publicCalendarId],
    });
  const connection = await connect();
  const actor = connection.actor;
  if (!actor) return connection;
  const calendars = await connection.getCalendars();
  if (calendars.some((calendar) => calendar.writable)) return connection;
  const created = await actor.create_calendar({
    name: 'My calendar',
    time_zone: options.timeZone,
    color: ['#1d4ed8'],
    description: [],
    visibility: { private: null },
  });
  if ('Err' in created) throw new CalendarSourceError(created.Err);
  return connection;
}
