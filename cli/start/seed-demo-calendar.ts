import { readFile, writeFile } from 'node:fs/promises';

import type { Agent } from '@dfinity/agent';

import { createActor } from '../../web-components/client/generated/calendar-bindings.ts';

export const DEMO_CALENDAR_NAME = 'ICP Calendar demo (public)';

type Result<T> = { Ok: T } | { Err: { code: string; message: string } };
type SeedEventInput = Parameters<ReturnType<typeof createActor>['create_event']>[1];

function unwrap<T>(result: Result<T>, what: string): T {
  if ('Err' in result) throw new Error(`${what}: ${result.Err.code} ${result.Err.message}`);
  return result.Ok;
}

/** The week's Monday (UTC) as `YYYY-MM-DD` plus `days`. */
function dayOfThisWeek(now: Date, days: number): string {
  const monday =
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) -
    ((now.getUTCDay() + 6) % 7) * 86_400_000;
  return new Date(monday + days * 86_400_000).toISOString().slice(0, 10);
}

function demoEvents(now: Date): SeedEventInput[] {
  const base = {
    all_day: false,
    time_zone: 'UTC',
    rrule: [] as SeedEventInput['rrule'],
    exdates: [],
    rdates: [],
    overrides: [],
    transparent: false,
    color: [] as SeedEventInput['color'],
    description: [] as SeedEventInput['description'],
    location: [] as SeedEventInput['location'],
    reminders: [],
  };
  const monday = dayOfThisWeek(now, 0);
  return [
    // Weekly, so the calendar still shows events when the saved state is reopened weeks later.
    {
      ...base,
      title: 'Community call',
      start: `${monday}T15:00:00`,
      end: `${monday}T16:00:00`,
      rrule: ['FREQ=WEEKLY;BYDAY=MO,WE,FR'],
      location: ['Online'],
      description: ['Open to everyone. Agenda: https://internetcomputer.org/'],
    },
    {
      ...base,
      title: 'Release planning',
      start: `${dayOfThisWeek(now, 1)}T10:00:00`,
      end: `${dayOfThisWeek(now, 1)}T11:30:00`,
    },
    {
      ...base,
      title: 'Hackathon',
      all_day: true,
      start: dayOfThisWeek(now, 3),
      end: dayOfThisWeek(now, 5),
    },
  ];
}

/**
 * Makes sure the deployer owns the public demo calendar, creating and filling it on the first start only.
 * Returns its id.
 */
export async function seedDemoCalendar(
  agent: Agent,
  calendarCanisterId: string,
  now = new Date(),
): Promise<{ calendarId: string; created: boolean }> {
  const actor = createActor(calendarCanisterId, agent);
  const existing = unwrap(await actor.list_calendars(), 'list_calendars').find(
    (calendar) => calendar.name === DEMO_CALENDAR_NAME && 'public' in calendar.visibility,
  );
  if (existing) return { calendarId: existing.id, created: false };
  const calendar = unwrap(
    await actor.create_calendar({
      name: DEMO_CALENDAR_NAME,
      time_zone: 'UTC',
      color: ['#0f766e'],
      description: ['Seeded by icp-calendar start; readable by anyone.'],
      visibility: { public: null },
    }),
    'create_calendar',
  );
  for (const event of demoEvents(now)) {
    unwrap(await actor.create_event(calendar.id, event), `create_event ${event.title}`);
  }
  return { calendarId: calendar.id, created: true };
}

/**
 * The demo calendar as the last start left it: its id is recorded in the state folder, and a
 * start whose calendar canister is unchanged (same id, same module, state kept) uses the record
 * instead of asking the canister, which would load its heap before the page is served.
 */
export async function seedDemoCalendarOnce(
  agent: Agent,
  calendar: { id: string; action: string },
  recordFile: string,
): Promise<{ calendarId: string; created: boolean; recorded: boolean }> {
  const recorded = await readFile(recordFile, 'utf8').catch(() => '');
  const [canisterId, calendarId] = recorded.trim().split(' ');
  if (calendar.action === 'unchanged' && canisterId === calendar.id && calendarId) {
    return { calendarId, created: false, recorded: true };
  }
  const seeded = await seedDemoCalendar(agent, calendar.id);
  await writeFile(recordFile, `${calendar.id} ${seeded.calendarId}\n`);
  return { ...seeded, recorded: false };
}
