import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { Actor, type Agent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';

import { REPO_ROOT } from '../config/config-paths.ts';

export const DEMO_CALENDAR_NAME = 'ICP Calendar demo (public)';

type Result<T> = { Ok: T } | { Err: { code: string; message: string } };
type Opt<T> = [] | [T];

/** The calendar methods the seed calls, typed by hand: the generated bindings are git-ignored. */
interface SeedActor {
  list_calendars(): Promise<
    Result<{ id: string; name: string; visibility: { public: null } | { private: null } }[]>
  >;
  create_calendar(input: {
    name: string;
    time_zone: string;
    color: Opt<string>;
    description: Opt<string>;
    visibility: { public: null } | { private: null };
  }): Promise<Result<{ id: string }>>;
  create_event(calendarId: string, input: SeedEventInput): Promise<Result<{ id: string }>>;
}

interface SeedEventInput {
  title: string;
  start: string;
  end: string;
  all_day: boolean;
  time_zone: string;
  rrule: Opt<string>;
  exdates: string[];
  rdates: string[];
  overrides: never[];
  transparent: boolean;
  color: Opt<string>;
  description: Opt<string>;
  location: Opt<string>;
  reminders: never[];
}

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
    rrule: [] as Opt<string>,
    exdates: [],
    rdates: [],
    overrides: [],
    transparent: false,
    color: [] as Opt<string>,
    description: [] as Opt<string>,
    location: [] as Opt<string>,
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
  const bindingsUrl = pathToFileURL(join(REPO_ROOT, 'build', 'calendar', 'bindings', 'index.ts'));
  const { idlFactory } = (await import(bindingsUrl.href)) as { idlFactory: IDL.InterfaceFactory };
  const actor = Actor.createActor<SeedActor>(idlFactory, { agent, canisterId: calendarCanisterId });
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
