import { describe, expect, it } from 'vitest';

import { retainedVersions } from './retention.ts';

const DAY = 86_400n * 1_000_000_000n;
const HOUR = DAY / 24n;
const now = 20_000n * DAY + 12n * HOUR; // noon of day 20000

/** Four versions a day (00:00, 06:00, 12:00 and 18:00) for the last 12 days, id = position in time. */
function history() {
  const versions = [];
  let id = 1n;
  for (let day = 19_989n; day <= 20_000n; day++) {
    for (const hour of [0n, 6n, 12n, 18n]) {
      const finishedAt = day * DAY + hour * HOUR;
      if (finishedAt <= now) versions.push({ id: id++, finishedAt });
    }
  }
  return versions;
}

describe('retention (last N plus daily for D days)', () => {
  it('keeps exactly the newest N and the newest of each of the last D days', () => {
    const versions = history(); // 47 versions, the newest at noon today
    const kept = retainedVersions(versions, { keepLast: 3, dailyDays: 4 }, now);
    const byId = new Map(versions.map((v) => [v.id, v.finishedAt]));
    const describe = [...kept]
      .sort((a, b) => (a < b ? -1 : 1))
      .map((id) => `${byId.get(id)! / DAY - 19_989n}d${(byId.get(id)! % DAY) / HOUR}h`);
    // The last three (today 12h, today 6h, today 0h) plus the 18h version of days -1, -2, -3.
    expect(describe).toEqual(['8d18h', '9d18h', '10d18h', '11d0h', '11d6h', '11d12h']);
  });

  it('keeps only the newest N when D is 0, and everything when there are fewer', () => {
    const versions = history();
    expect([...retainedVersions(versions, { keepLast: 2, dailyDays: 0 }, now)]).toEqual([47n, 46n]);
    const few = versions.slice(0, 2);
    expect(retainedVersions(few, { keepLast: 5, dailyDays: 0 }, now).size).toBe(2);
  });

  it('ignores days older than D even when fewer than N are kept', () => {
    const old = [{ id: 1n, finishedAt: now - 30n * DAY }];
    expect(retainedVersions(old, { keepLast: 0, dailyDays: 7 }, now).size).toBe(0);
    expect(retainedVersions(old, { keepLast: 1, dailyDays: 7 }, now).has(1n)).toBe(true);
  });
});
