import '../components/icp-calendar.ts';
import '../components/icp-sign-in.ts';
import { DevIdentityProvider } from '../auth/dev-identity-provider.ts';
import type { EventInput } from '../client/calendar-source.ts';
import { MemoryCalendarSource } from '../client/memory-calendar-source.ts';
import type { IcpCalendar } from '../components/icp-calendar.ts';
import type { IcpSignIn } from '../components/icp-sign-in.ts';
import { browserTimeZone } from '../model/zone-clock.ts';
import { connectDemoCalendar } from './demo-canister-source.ts';
import type { DemoConfig } from './demo-config.ts';

/** Sample events for the in-memory fallback, used when no calendar canister was deployed. */
function sampleEvents(): EventInput[] {
  const timeZone = browserTimeZone();
  const today = new Date();
  const at = (dayOffset: number, hour: number, minute = 0) =>
    new Date(
      today.getFullYear(),
      today.getMonth(),
      today.getDate() + dayOffset,
      hour,
      minute,
    ).getTime();
  const base = { calendarId: 'demo', timeZone, allDay: false, reminders: [] };
  const monday = -((today.getDay() + 6) % 7);
  return [
    {
      ...base,
      title: 'Stand-up',
      start: at(monday, 9),
      end: at(monday, 9, 15),
      rrule: 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR',
    },
    { ...base, title: 'Design review', start: at(0, 10), end: at(0, 11) },
    { ...base, title: 'Canister upgrade', start: at(0, 10, 30), end: at(0, 11, 30) },
    { ...base, title: 'Lunch', start: at(1, 12), end: at(1, 13) },
    {
      ...base,
      title: 'Offsite',
      allDay: true,
      start: Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + 3),
      end: Date.UTC(today.getFullYear(), today.getMonth(), today.getDate() + 5),
    },
  ];
}

/**
 * The widget on the demo page. Against the deployed calendar canister: anonymous visitors read the seeded
 * public calendar; signing in with the development key adds the user's own calendar, which is editable.
 * Without a calendar canister it falls back to in-memory sample events.
 */
export async function mountDemoCalendar(): Promise<void> {
  const calendar = document.querySelector<IcpCalendar>('#demo-calendar');
  const signIn = document.querySelector<IcpSignIn>('#demo-sign-in');
  if (!calendar || !signIn) return;
  const provider = new DevIdentityProvider();
  signIn.provider = provider;
  const config = (await (await fetch('./config.json')).json()) as DemoConfig;
  const canisterId = config.canisters.find((canister) => canister.name.startsWith('calendar'))?.id;
  const label = document.getElementById('demo-calendar-source');
  if (!canisterId || !config.publicCalendarId) {
    if (label) label.textContent = 'an in-memory sample calendar (no calendar canister deployed)';
    mountMemoryCalendar(calendar, signIn);
    return;
  }
  const options = {
    host: config.host,
    canisterId,
    publicCalendarId: config.publicCalendarId,
    timeZone: browserTimeZone(),
  };
  if (label) label.textContent = `the calendar canister ${canisterId}`;
  const connect = async () => {
    calendar.dataset.source = 'connecting';
    const source = await connectDemoCalendar(options, await provider.restore());
    calendar.calendarId = '';
    calendar.source = source;
    calendar.dataset.source = (await source.principal()) ? 'signed-in' : 'anonymous';
  };
  signIn.addEventListener('icp-sign-in-change', () => void connect().catch(showError));
  const restored = await provider.restore();
  if (restored) signIn.principal = restored.getPrincipal().toText();
  await connect();
}

function showError(error: unknown): void {
  const calendar = document.querySelector<IcpCalendar>('#demo-calendar');
  if (calendar)
    calendar.dataset.source = `error: ${error instanceof Error ? error.message : String(error)}`;
}

function mountMemoryCalendar(calendar: IcpCalendar, signIn: IcpSignIn): void {
  const source = new MemoryCalendarSource({
    principal: null,
    calendars: [{ id: 'demo', name: 'Demo', color: '#1d4ed8', writable: true }],
    events: sampleEvents(),
  });
  calendar.source = source;
  signIn.addEventListener('icp-sign-in-change', (event) => {
    source.setPrincipal((event as CustomEvent<{ principal: string | null }>).detail.principal);
    void calendar.refreshPrincipal();
  });
}

void mountDemoCalendar().catch(showError);
