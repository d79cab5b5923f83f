import { describe, expect, it } from 'vitest';

import { resolveSettings, seconds } from './settings.ts';

describe('balancing settings', () => {
  it('fills every default', () => {
    expect(resolveSettings({})).toEqual({
      strategy: 'round_robin',
      windowSeconds: 3600,
      pollSeconds: 30,
      failuresToUnhealthy: 3,
      successesToActive: 2,
      usersPerShard: undefined,
      provisionCycles: 2_000_000_000_000n,
      stepSeconds: 5,
      provisionWeight: 100,
    });
  });

  it('reads the YAML options', () => {
    const settings = resolveSettings({
      strategy: 'weighted_random',
      window: '15m',
      health: { every: 'every 2m', failuresToUnhealthy: 1, successesToActive: 4 },
      capacity: { usersPerShard: 10 },
      provisioning: { cycles: 3e12, stepEvery: 'every 1s', weight: 7 },
    });
    expect(settings).toMatchObject({
      strategy: 'weighted_random',
      windowSeconds: 900,
      pollSeconds: 120,
      failuresToUnhealthy: 1,
      successesToActive: 4,
      usersPerShard: 10,
      provisionCycles: 3_000_000_000_000n,
      stepSeconds: 1,
      provisionWeight: 7,
    });
  });

  it('refuses a duration of another shape', () => {
    expect(seconds('every 1d')).toBe(86400);
    expect(() => seconds('5 minutes')).toThrow(/every 5m/);
  });
});
