/** canister.yaml `plugins.subscriptions` (see options.schema.json). */
export interface SubscriptionOptions {
  refresh?: string;
}

/** The options with their defaults, durations in seconds. */
export interface SubscriptionSettings {
  refreshSeconds: number;
}

const UNIT_SECONDS = { m: 60, h: 3_600, d: 86_400 } as const;
/** A fetch is a paid outcall of up to ~1 MB: never more often than this. */
export const MIN_REFRESH_SECONDS = 300;

export function resolveSubscriptionSettings(options: SubscriptionOptions): SubscriptionSettings {
  const text = options.refresh ?? 'every 1h';
  const match = /^every ([1-9][0-9]*)([mhd])$/.exec(text);
  if (match === null) throw new Error(`refresh must look like "every 1h"; got "${text}"`);
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
  return { refreshSeconds: Math.max(MIN_REFRESH_SECONDS, seconds) };
}
