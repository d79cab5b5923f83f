const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "30m", "6h", "1d" or "every 6h" → seconds (the schema has checked the shape at build time). */
export function durationSeconds(text: string): number {
  const match = /^(?:every )?([1-9][0-9]*)([smhd])$/.exec(text);
  if (match === null) throw new Error(`duration must look like "6h" or "every 6h"; got "${text}"`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}
