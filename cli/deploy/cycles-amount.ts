const TRILLION = 1_000_000_000_000n;

/** Parses a cycles amount: `2000000000000`, `2T`, `0.5T`, `2_000_000_000_000`. */
export function parseCycles(text: string): bigint | undefined {
  const match = /^(\d[\d_]*)(?:\.(\d+))?\s*([tT])?$/.exec(text.trim());
  if (!match) return undefined;
  const whole = BigInt(match[1]!.replaceAll('_', ''));
  if (!match[3]) return match[2] === undefined ? whole : undefined;
  const fraction = (match[2] ?? '').slice(0, 12).padEnd(12, '0');
  return whole * TRILLION + BigInt(fraction);
}

/** `1.50 T` style, two decimals, rounded down; below 0.01 T in millions (`100 M`). */
export function formatCycles(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  if (abs !== 0n && abs < TRILLION / 100n) return `${sign}${abs / 1_000_000n} M`;
  const hundredths = (abs % TRILLION) / 10_000_000_000n;
  return `${sign}${abs / TRILLION}.${String(hundredths).padStart(2, '0')} T`;
}
