/** RFC 5545 §3.3.6 DURATION values (`-PT15M`, `P1W`, `P1DT2H`). */

export interface IcsDuration {
  sign: 1 | -1;
  /** nominal part */
  days: number;
  /** exact part */
  seconds: number;
}

const DURATION_PATTERN = /^([+-])?P(?:(\d+)W|(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?)$/;

export function parseIcsDuration(text: string): IcsDuration | undefined {
  const match = DURATION_PATTERN.exec(text.trim());
  if (!match || text.trim().endsWith('T') || /^[+-]?P$/.test(text.trim())) return undefined;
  const n = (i: number): number => Number(match[i] ?? 0);
  return {
    sign: match[1] === '-' ? -1 : 1,
    days: n(2) * 7 + n(3),
    seconds: n(4) * 3600 + n(5) * 60 + n(6),
  };
}

export function formatIcsDuration(totalSeconds: number): string {
  const sign = totalSeconds < 0 ? '-' : '';
  let rest = Math.abs(totalSeconds);
  const days = Math.floor(rest / 86_400);
  rest -= days * 86_400;
  const hours = Math.floor(rest / 3600);
  const minutes = Math.floor((rest % 3600) / 60);
  const seconds = rest % 60;
  if (rest === 0) return `${sign}P${days}D`;
  return `${sign}P${days > 0 ? `${days}D` : ''}T${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${seconds ? `${seconds}S` : ''}`;
}
