import { describe, expect, it } from 'vitest';

import { NetworkClock } from './network-clock.ts';

describe('NetworkClock', () => {
  it('follows the wall clock until set, then moves only when told', () => {
    const clock = new NetworkClock();
    const wall = BigInt(Date.now()) * 1_000_000n;
    expect(clock.now()).toBeGreaterThanOrEqual(wall);
    const later = wall + 3_600_000_000_000n;
    clock.set(later);
    expect(clock.now()).toBe(later);
    clock.advance(5n);
    expect(clock.now()).toBe(later + 5n);
  });

  it('refuses to go backwards and never hands out an earlier time', () => {
    const clock = new NetworkClock();
    clock.set(BigInt(Date.now()) * 1_000_000n + 10_000_000_000n);
    const now = clock.now();
    expect(() => clock.set(now - 1n)).toThrow(/CLOCK_BACKWARDS/);
    clock.followWallClock();
    expect(clock.now()).toBe(now);
  });

  it('holds still at the time it just handed out, even when the wall clock ticked since', async () => {
    const clock = new NetworkClock();
    const handedOut = clock.now();
    await new Promise((resolve) => setTimeout(resolve, 3)); // the wall clock passes it
    clock.set(handedOut);
    expect(clock.now()).toBe(handedOut);
    expect(() => clock.set(handedOut - 1n)).toThrow(/CLOCK_BACKWARDS/);
  });
});
