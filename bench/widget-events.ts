/**
 * Deterministic events for the widget benchmark (calendar-anchors §3.1): mulberry32 over March 2025 in UTC.
 * 80 % timed (30–180 min, starting 07:00–19:45 on quarter hours), 10 % single all-day, 10 % multi-day
 * all-day (2–5 days). FullCalendar-shaped, exclusive end.
 */
export interface BenchEvent {
  id: string;
  title: string;
  start: string;
  end: string;
  allDay: boolean;
}

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY_MS = 86_400_000;
const MARCH_1 = Date.UTC(2025, 2, 1);

export function genEvents(n: number, seed = 42): BenchEvent[] {
  const random = mulberry32(seed);
  const pick = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const events: BenchEvent[] = [];
  for (let i = 0; i < n; i++) {
    const kind = random();
    const day = MARCH_1 + pick(0, 30) * DAY_MS;
    if (kind < 0.8) {
      const start = day + pick(7 * 4, 19 * 4 + 3) * 15 * 60_000;
      const end = start + pick(2, 12) * 15 * 60_000;
      events.push({
        id: `e${i}`,
        title: `Event ${i}`,
        start: iso(start),
        end: iso(end),
        allDay: false,
      });
    } else {
      const days = kind < 0.9 ? 1 : pick(2, 5);
      events.push({
        id: `e${i}`,
        title: `Event ${i}`,
        start: iso(day).slice(0, 10),
        end: iso(day + days * DAY_MS).slice(0, 10),
        allDay: true,
      });
    }
  }
  return events;
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
