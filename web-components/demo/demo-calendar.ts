import '../components/icp-calendar.ts';
import '../components/icp-sign-in.ts';
import { DevIdentityProvider } from '../auth/dev-identity-provider.ts';
import type { EventInput } from '../client/calendar-source.ts';
import { MemoryCalendarSource } from '../client/memory-calendar-source.ts';
import type { IcpCalendar } from '../components/icp-calendar.ts';
import type { IcpSignIn } from '../components/icp-sign-in.ts';
import { browserTimeZone } from '../model/zone-clock.ts';

/**
 * The widget on the demo page, over an in-memory calendar of sample events this week. Signing in with the
 * development key turns editing on. (Wiring it to the deployed calendar canister needs the generated
 * bindings in the page bundle: see web-components/README.md, "Canister source".)
 */
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

export function mountDemoCalendar(): void {
  const calendar = document.querySelector<IcpCalendar>('#demo-calendar');
  const signIn = document.querySelector<IcpSignIn>('#demo-sign-in');
  if (!calendar || !signIn) return;
  const source = new MemoryCalendarSource({
    principal: null,
    calendars: [{ id: 'demo', name: 'Demo', color: '#1d4ed8', writable: true }],
    events: sampleEvents(),
  });
  calendar.source = source;
  signIn.provider = new DevIdentityProvider();
  signIn.addEventListener('icp-sign-in-change', (event) => {
    source.setPrincipal((event as CustomEvent<{ principal: string | null }>).detail.principal);
    void calendar.refreshPrincipal();
  });
}

mountDemoCalendar();
