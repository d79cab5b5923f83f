/**
 * Restore and first checkpoint of a saved localnet state folder (e.g. after `npm start`): CPU and
 * wall time of `openDurableEngine` (checkpoint load + log replay), then of the first checkpoint
 * after the restore and of a second one. Works on a copy of the folder, which it deletes.
 * Figures only. Run: npx tsx bench/localnet-restore.ts <state folder, e.g. .localnet>
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { openDurableEngine } from '../localnet/engine/persistence/durable-engine.ts';

async function measured<T>(name: string, run: () => Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const result = await run();
  const used = process.cpuUsage(cpu);
  console.log(
    `${name}: ${((used.user + used.system) / 1000).toFixed(0)} ms CPU, ${(performance.now() - started).toFixed(0)} ms wall`,
  );
  return result;
}

const source = process.argv[2];
if (!source) throw new Error('usage: npx tsx bench/localnet-restore.ts <state folder>');
const dir = await mkdtemp(join(tmpdir(), 'bench-restore-'));
try {
  await cp(source, dir, { recursive: true, filter: (path) => !path.endsWith('localnet.lock') });
  console.log(`load average ${loadavg()[0]!.toFixed(1)} (2 shared cores)`);
  const durable = await measured('restore (checkpoint + log replay)', () =>
    openDurableEngine({
      cacheDir: join(dir, 'cache'),
      checkpointDir: join(dir, 'state'),
      walDir: join(dir, 'wal'),
    }),
  );
  let stable = 0;
  for (const canister of durable.engine.canisters.values()) stable += canister.stableMemory.size;
  console.log(
    `  ${durable.engine.canisters.size} canister(s), ${(stable / 2 ** 20).toFixed(0)} MiB of stable memory, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB`,
  );
  await measured('first checkpoint after the restore', () => durable.checkpoint());
  await measured('second checkpoint', () => durable.checkpoint());
  await durable.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
