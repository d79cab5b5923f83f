/** The four ways to choose a new user's shard. */
export const STRATEGIES = [
  'round_robin',
  'least_connections',
  'weighted_random',
  'response_time',
] as const;
export type Strategy = (typeof STRATEGIES)[number];

/** canister.yaml `plugins.balancing` (see options.schema.json). */
export interface BalancingOptions {
  strategy?: Strategy;
  window?: string;
  health?: { every?: string; failuresToUnhealthy?: number; successesToActive?: number };
  capacity?: { usersPerShard?: number };
  provisioning?: { cycles?: number; stepEvery?: string; weight?: number };
}

/** The options with every default filled in, durations in seconds. */
export interface BalancingSettings {
  strategy: Strategy;
  windowSeconds: number;
  pollSeconds: number;
  failuresToUnhealthy: number;
  successesToActive: number;
  usersPerShard: number | undefined;
  provisionCycles: bigint;
  stepSeconds: number;
  provisionWeight: number;
}

const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86400 } as const;

/** "15m" or "every 5m" → seconds (the schema checked the shape at build time). */
export function seconds(text: string): number {
  const match = /^(?:every )?([1-9][0-9]*)([smhd])$/.exec(text);
  if (match === null) throw new Error(`duration must look like "15m" or "every 5m"; got "${text}"`);
  return Number(match[1]) * UNIT_SECONDS[match[2] as keyof typeof UNIT_SECONDS];
}

export function resolveSettings(options: BalancingOptions): BalancingSettings {
  return {
    strategy: options.strategy ?? 'round_robin',
    windowSeconds: seconds(options.window ?? '1h'),
    pollSeconds: seconds(options.health?.every ?? 'every 30s'),
    failuresToUnhealthy: options.health?.failuresToUnhealthy ?? 3,
    successesToActive: options.health?.successesToActive ?? 2,
    usersPerShard: options.capacity?.usersPerShard,
    provisionCycles: BigInt(options.provisioning?.cycles ?? 2_000_000_000_000),
    stepSeconds: seconds(options.provisioning?.stepEvery ?? 'every 5s'),
    provisionWeight: options.provisioning?.weight ?? 100,
  };
}
