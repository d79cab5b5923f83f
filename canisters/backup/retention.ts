import type { ProtectionPolicy } from './vault-model.ts';

const NS_PER_DAY = 86_400n * 1_000_000_000n;

/** A complete export version as retention sees it. */
export interface RetainedCandidate {
  id: bigint;
  finishedAt: bigint;
}

/**
 * Which complete exports to keep: the newest `keepLast`, plus the newest of each UTC day among
 * the last `dailyDays` days (today included). Everything else may be pruned.
 */
export function retainedVersions(
  versions: readonly RetainedCandidate[],
  policy: Pick<ProtectionPolicy, 'keepLast' | 'dailyDays'>,
  now: bigint,
): Set<bigint> {
  const newestFirst = [...versions].sort((a, b) =>
    a.finishedAt === b.finishedAt ? (a.id > b.id ? -1 : 1) : a.finishedAt > b.finishedAt ? -1 : 1,
  );
  const kept = new Set(newestFirst.slice(0, policy.keepLast).map((v) => v.id));
  const today = now / NS_PER_DAY;
  const daysSeen = new Set<bigint>();
  for (const version of newestFirst) {
    const day = version.finishedAt / NS_PER_DAY;
    if (today - day >= BigInt(policy.dailyDays) || daysSeen.has(day)) continue;
    daysSeen.add(day);
    kept.add(version.id);
  }
  return kept;
}
