/** Benchmark entries: each defines window.__mount(el, events, extra) (and __settle for async renderers). */
export interface WidgetEntry {
  name: string;
  source: string;
  /** Counts event elements, walking shadow roots. */
  eventSelector: string;
  extra: Record<string, unknown>;
}

const fullCalendarMount = (calendarImport: string, plugins: string) => `
${calendarImport}
window.__mount = (el, events, extra) => {
  const calendar = new Calendar(el, {
    plugins: ${plugins}, initialView: 'dayGridMonth', initialDate: '2025-03-01', timeZone: 'UTC', height: 800,
    events, ...extra,
  });
  calendar.render();
  return calendar;
};
window.__navigate = (calendar) => calendar.gotoDate('2025-04-01');`;

export const ICP_ENTRY = `
import { IcpCalendar } from './web-components/components/icp-calendar.ts';
window.__mount = (el, events, extra) => {
  const c = document.createElement('icp-calendar');
  Object.assign(c, { view: 'month', date: '2025-03-01', timeZone: 'UTC', locale: 'en-US', maxEventsPerDay: 3, ...extra });
  c.events = events;
  c.style.height = '800px';
  el.append(c);
  return c;
};
window.__settle = (c) => c.updateComplete;
window.__navigate = (c) => { c.date = '2025-04-01'; };
void IcpCalendar;`;

export const FC6_ENTRY = fullCalendarMount(
  `import { Calendar } from '@fullcalendar/core'; import dayGridPlugin from '@fullcalendar/daygrid';`,
  '[dayGridPlugin]',
);

export const FC7_ENTRY = fullCalendarMount(
  `import 'temporal-polyfill/global';
import { Calendar } from 'fullcalendar'; import dayGridPlugin from 'fullcalendar/daygrid';
import classicThemePlugin from 'fullcalendar/themes/classic';
import 'fullcalendar/skeleton.css'; import 'fullcalendar/themes/classic/theme.css'; import 'fullcalendar/themes/classic/palette.css';`,
  '[dayGridPlugin, classicThemePlugin]',
);

export const ENTRIES = { icp: ICP_ENTRY, fc6: FC6_ENTRY, fc7: FC7_ENTRY };

export const CONFIGS: {
  label: string;
  bundle: keyof typeof ENTRIES;
  selector: string;
  extra: Record<string, unknown>;
}[] = [
  {
    label: '<icp-calendar> (3 rows + "+N more")',
    bundle: 'icp',
    selector: '[part~="event"]',
    extra: {},
  },
  { label: 'FC6 (all shown)', bundle: 'fc6', selector: '.fc-event', extra: {} },
  {
    label: 'FC6 dayMaxEvents:true',
    bundle: 'fc6',
    selector: '.fc-event',
    extra: { dayMaxEvents: true },
  },
  { label: 'FC7 (all shown)', bundle: 'fc7', selector: '[style*="--fc-event-color"]', extra: {} },
  {
    label: 'FC7 dayMaxEvents:true',
    bundle: 'fc7',
    selector: '[style*="--fc-event-color"]',
    extra: { dayMaxEvents: true },
  },
];
