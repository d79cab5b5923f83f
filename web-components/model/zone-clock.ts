import { DAY_MS } from './days.ts';

const QUARTER_HOUR_MS = 900_000;

/**
 * Converts between instants (epoch ms) and wall-clock time in one IANA time zone, using the browser's Intl.
 * "Local ms" is the wall-clock time written as if it were UTC, so `Math.floor(local / DAY_MS)` is the local day.
 * Offsets are memoised per quarter hour: zone transitions happen on quarter hours.
 */
export class ZoneClock {
  readonly timeZone: string;
  private readonly parts: Intl.DateTimeFormat | undefined;
  private readonly offsets = new Map<number, number>();

  constructor(timeZone: string) {
    this.timeZone = timeZone;
    this.parts =
      timeZone === 'UTC'
        ? undefined
        : new Intl.DateTimeFormat('en-US', {
            timeZone,
            hourCycle: 'h23',
            year: 'numeric',
            month: 'numeric',
            day: 'numeric',
            hour: 'numeric',
            minute: 'numeric',
            second: 'numeric',
          });
  }

  /** Offset of the zone from UTC at an instant, in ms (positive east of Greenwich). */
  offsetAt(instant: number): number {
    if (!this.parts) return 0;
    const bucket = Math.floor(instant / QUARTER_HOUR_MS);
    const known = this.offsets.get(bucket);
    if (known !== undefined) return known;
    const at = bucket * QUARTER_HOUR_MS;
    const fields: Record<string, number> = {};
    for (const part of this.parts.formatToParts(at)) {
      if (part.type !== 'literal') fields[part.type] = Number(part.value);
    }
    const wall = Date.UTC(
      fields.year!,
      fields.month! - 1,
      fields.day!,
      fields.hour! % 24,
      fields.minute!,
      fields.second!,
    );
    const offset = wall - at;
    this.offsets.set(bucket, offset);
    return offset;
  }

  toLocal(instant: number): number {
    return instant + this.offsetAt(instant);
  }

  /** Wall-clock → instant. In a gap the later offset wins and in an overlap the earlier instant (RFC 5545 rule). */
  fromLocal(local: number): number {
    const before = this.offsetAt(local - DAY_MS);
    const after = this.offsetAt(local + DAY_MS);
    const candidates = [local - before, local - after].sort((a, b) => a - b);
    for (const instant of candidates) if (this.toLocal(instant) === local) return instant;
    return local - before;
  }

  dayOf(instant: number): number {
    return Math.floor(this.toLocal(instant) / DAY_MS);
  }

  /** Minutes since local midnight. */
  minuteOfDay(instant: number): number {
    const local = this.toLocal(instant);
    return Math.floor((local - Math.floor(local / DAY_MS) * DAY_MS) / 60_000);
  }

  /** The instant of a local day plus minutes. */
  instantOf(day: number, minutes = 0): number {
    return this.fromLocal(day * DAY_MS + minutes * 60_000);
  }
}

const clocks = new Map<string, ZoneClock>();
export function zoneClock(timeZone: string): ZoneClock {
  let clock = clocks.get(timeZone);
  if (!clock) clocks.set(timeZone, (clock = new ZoneClock(timeZone)));
  return clock;
}

export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
