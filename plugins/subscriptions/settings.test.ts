import { describe, expect, it } from 'vitest';

import { MIN_REFRESH_SECONDS, resolveSubscriptionSettings } from './settings.ts';

describe('subscription settings', () => {
  it('refreshes every hour unless canister.yaml says otherwise', () => {
    expect(resolveSubscriptionSettings({})).toEqual({ refreshSeconds: 3_600 });
    expect(resolveSubscriptionSettings({ refresh: 'every 30m' })).toEqual({
      refreshSeconds: 1_800,
    });
    expect(resolveSubscriptionSettings({ refresh: 'every 1d' })).toEqual({
      refreshSeconds: 86_400,
    });
  });

  it('never refreshes more often than the minimum, and refuses a malformed interval', () => {
    expect(resolveSubscriptionSettings({ refresh: 'every 1m' }).refreshSeconds).toBe(
      MIN_REFRESH_SECONDS,
    );
    expect(() => resolveSubscriptionSettings({ refresh: '1 hour' })).toThrow(/every 1h/);
  });
});
