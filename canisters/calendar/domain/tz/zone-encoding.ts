/**
 * Compact text encoding of one zone's UTC-offset history, shared by the
 * generator (Node) and the runtime decoder (canister).
 *
 *   "<offsets>|<transitions>|<yearly rules>"
 *   offsets      comma-separated base-36 signed seconds; offsets[0] is in force before the first transition
 *   transitions  concatenated "<delta seconds base-36, lowercase><offset index as letter A-Z>"; the first delta
 *                counts from 1970-01-01T00:00Z, the next ones from the previous transition
 *   yearly rules ";"-separated "<month>.<day spec>.<weekday>.<wall seconds base-36>.<offset letter>"
 *                applied from RULES_FROM_UTC_SECONDS on; day spec "L" = last <weekday> of the month,
 *                a number D = first <weekday> on or after day D; weekday 0 = Monday; wall seconds are the
 *                local time (in the offset before the change) after midnight of that day
 */
export interface YearlyRule {
  month: number;
  onOrAfterDay: number | 'last';
  weekday: number;
  wallSecondsOfDay: number;
  offsetIndex: number;
}

export interface ZoneHistory {
  offsets: number[];
  transitionTimes: number[]; // UTC seconds, ascending
  transitionOffsetIndexes: number[];
  rules: YearlyRule[];
}

/** Explicit transitions cover instants before 2038-01-01T00:00Z; yearly rules take over from there. */
export const RULES_FROM_UTC_SECONDS = 2_145_916_800;
export const RULES_FROM_YEAR = 2038;

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function encodeZoneHistory(history: ZoneHistory): string {
  if (history.offsets.length > LETTERS.length)
    throw new Error('too many distinct offsets for one zone');
  const offsets = history.offsets.map((offset) => offset.toString(36)).join(',');
  let previous = 0;
  let transitions = '';
  history.transitionTimes.forEach((time, i) => {
    transitions += (time - previous).toString(36) + LETTERS[history.transitionOffsetIndexes[i]!];
    previous = time;
  });
  const rules = history.rules
    .map(
      (rule) =>
        `${rule.month}.${rule.onOrAfterDay === 'last' ? 'L' : rule.onOrAfterDay}.${rule.weekday}.` +
        `${rule.wallSecondsOfDay.toString(36)}.${LETTERS[rule.offsetIndex]}`,
    )
    .join(';');
  return `${offsets}|${transitions}|${rules}`;
}

const TRANSITION_PATTERN = /([0-9a-z]+)([A-Z])/g;

export function decodeZoneHistory(encoded: string): ZoneHistory {
  const [offsetText = '', transitionText = '', ruleText = ''] = encoded.split('|');
  const offsets = offsetText.split(',').map((part) => parseInt(part, 36));
  const transitionTimes: number[] = [];
  const transitionOffsetIndexes: number[] = [];
  let time = 0;
  for (const match of transitionText.matchAll(TRANSITION_PATTERN)) {
    time += parseInt(match[1]!, 36);
    transitionTimes.push(time);
    transitionOffsetIndexes.push(LETTERS.indexOf(match[2]!));
  }
  const rules =
    ruleText === ''
      ? []
      : ruleText.split(';').map((part): YearlyRule => {
          const [month, day, weekday, wall, letter] = part.split('.');
          return {
            month: Number(month),
            onOrAfterDay: day === 'L' ? 'last' : Number(day),
            weekday: Number(weekday),
            wallSecondsOfDay: parseInt(wall!, 36),
            offsetIndex: LETTERS.indexOf(letter!),
          };
        });
  return { offsets, transitionTimes, transitionOffsetIndexes, rules };
}
