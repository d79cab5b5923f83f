import { DEFAULT_STRINGS, type WidgetStrings } from './widget-strings.ts';

/** A failure as the element holds it (the code and the technical message also go out in `icp-error`). */
export interface Problem {
  code: string;
  message: string;
}

/** What the error line says to a visitor, and whether it offers a Retry. */
export interface VisitorMessage {
  text: string;
  retry: boolean;
}

/** Codes that mean the canister could not be asked at all (wrong id, wrong network, host down). */
const UNREACHABLE = new Set(['CANISTER_UNAVAILABLE', 'HOST_INVALID']);

/**
 * The visitor-facing words for a problem: transport failures become one plain sentence (agent text such as
 * "Query response did not contain any node signatures" stays in `icp-error`), a refusal keeps the
 * canister's own message, which is written for people.
 */
export function visitorMessage(
  problem: Problem,
  online: boolean,
  strings: WidgetStrings = DEFAULT_STRINGS,
): VisitorMessage {
  if (!online) return { text: strings.offline, retry: true };
  if (UNREACHABLE.has(problem.code)) return { text: strings.unreachable, retry: true };
  if (problem.code === 'SOURCE_FAILED') return { text: problem.message, retry: true };
  // A write during a migration between shards was rolled back; it can be made again once it ends.
  if (problem.code === 'CALENDAR_MOVING') return { text: strings.moving, retry: false };
  return { text: problem.message, retry: false };
}
