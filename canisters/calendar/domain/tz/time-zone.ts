/**
 * IANA time zones without Intl: validation, UTC ⇄ local wall-clock conversion (RFC 5545 rules for gaps
 * and overlaps) and transition listing, backed by the generated table.
 */
import {
  civilOfWallSeconds,
  SECONDS_PER_DAY,
  wallSecondsOf,
  type CivilDateTime,
} from '../civil.ts';
import { DomainError } from '../errors.ts';
import { TZ_LINKS, TZ_ZONES } from './generated/tz-data.ts';
import { decodeZoneHistory, type ZoneHistory } from './zone-encoding.ts';
import {
  offsetAtUtcSeconds,
  segmentAt,
  transitionsBetween,
  type Transition,
} from './zone-offsets.ts';

const UNIQUE_MARGIN = 2 * SECONDS_PER_DAY;

export type { Transition } from './zone-offsets.ts';

const decoded = new Map<string, ZoneHistory>();
let lowerCaseNames: Map<string, string> | undefined;

export function isKnownTimeZone(zone: string): boolean {
  return (
    Object.prototype.hasOwnProperty.call(TZ_ZONES, zone) ||
    Object.prototype.hasOwnProperty.call(TZ_LINKS, zone)
  );
}

/** The table's spelling of a zone id matched case-insensitively, or undefined. */
export function canonicalTimeZoneName(zone: string): string | undefined {
  if (isKnownTimeZone(zone)) return zone;
  if (!lowerCaseNames) {
    lowerCaseNames = new Map();
    for (const name of [...Object.keys(TZ_ZONES), ...Object.keys(TZ_LINKS)])
      lowerCaseNames.set(name.toLowerCase(), name);
  }
  return lowerCaseNames.get(zone.toLowerCase());
}

export function knownTimeZones(): string[] {
  return [...Object.keys(TZ_ZONES), ...Object.keys(TZ_LINKS)].sort();
}

/** Decoded offset history of a zone (cached); throws TZ_UNKNOWN. */
export function zoneHistoryOf(zone: string): ZoneHistory {
  const cached = decoded.get(zone);
  if (cached) return cached;
  const dataName = Object.prototype.hasOwnProperty.call(TZ_ZONES, zone) ? zone : TZ_LINKS[zone];
  const data = dataName === undefined ? undefined : TZ_ZONES[dataName];
  if (data === undefined)
    throw new DomainError('TZ_UNKNOWN', `expected an IANA time zone id, found "${zone}"`);
  const history = decodeZoneHistory(data);
  decoded.set(zone, history);
  return history;
}

/** Throws TZ_UNKNOWN unless the zone is in the table. */
export function assertKnownTimeZone(zone: string): void {
  zoneHistoryOf(zone);
}

/** Offset from UTC in seconds (local = UTC + offset) at a UTC instant given in seconds. */
export function offsetSecondsAt(zone: string, utcSeconds: number): number {
  return offsetAtUtcSeconds(zoneHistoryOf(zone), utcSeconds);
}

/** Local wall seconds (wall clock encoded as if UTC) of a UTC instant in seconds. */
export function utcSecondsToWall(zone: string, utcSeconds: number): number {
  return utcSeconds + offsetSecondsAt(zone, utcSeconds);
}

/**
 * UTC seconds of a local wall time. A time that occurs twice (fall back) means the first occurrence; a
 * time skipped by a forward jump is read with the offset in force before the jump (02:30 → 03:30),
 * as RFC 5545 §3.3.5 prescribes (Temporal's "compatible").
 */
export function wallToUtcSeconds(zone: string, wallSeconds: number): number {
  const history = zoneHistoryOf(zone);
  // fast path: the candidate lies deep inside a constant-offset stretch (offsets differ by at most
  // 26 h, so no other offset can map this wall time to an instant outside ±2 days)
  const segment = segmentAt(history, wallSeconds - segmentAt(history, wallSeconds).offset);
  const candidate = wallSeconds - segment.offset;
  if (candidate - UNIQUE_MARGIN >= segment.start && candidate + UNIQUE_MARGIN < segment.end)
    return candidate;
  const offsetEarlier = offsetAtUtcSeconds(history, wallSeconds - SECONDS_PER_DAY);
  const offsetLater = offsetAtUtcSeconds(history, wallSeconds + SECONDS_PER_DAY);
  let best = Infinity;
  for (const offset of [offsetEarlier, offsetLater]) {
    const utc = wallSeconds - offset;
    if (offsetAtUtcSeconds(history, utc) === offset && utc < best) best = utc;
  }
  return best === Infinity ? wallSeconds - offsetEarlier : best;
}

export function localToUtcMs(zone: string, local: CivilDateTime): number {
  return wallToUtcSeconds(zone, wallSecondsOf(local)) * 1000;
}

export function utcMsToLocal(zone: string, utcMs: number): CivilDateTime {
  const seconds = Math.floor(utcMs / 1000);
  return civilOfWallSeconds(utcSecondsToWall(zone, seconds));
}

/** Offset changes of a zone with fromMs <= change < toMs. */
export function zoneTransitions(zone: string, fromMs: number, toMs: number): Transition[] {
  return transitionsBetween(zoneHistoryOf(zone), Math.floor(fromMs / 1000), Math.ceil(toMs / 1000));
}
