/**
 * The long crash drill: `npm run drill:crash [-- rounds=10 seed=1 writers=16]`. Prints each
 * round (where the kill landed, acknowledged increments, the counter after the restart, lost)
 * and exits 1 when any acknowledged update was lost or a restart failed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { runCrashDrill } from './crash-drill.ts';

const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => arg.split('=') as [string, string]),
);
const stateDir = await mkdtemp(join(tmpdir(), 'crash-drill-'));
try {
  const rounds = await runCrashDrill({
    stateDir,
    rounds: Number(args.rounds ?? 10),
    seed: Number(args.seed ?? 1),
    writers: Number(args.writers ?? 16),
    log: (line) => console.log(line),
  });
  const lost = rounds.reduce((sum, r) => sum + r.lost, 0);
  const acknowledged = rounds.reduce((sum, r) => sum + r.acknowledged, 0);
  console.log(
    `${rounds.length} kill(s), every restart loaded; ${lost} of the acknowledged updates lost (counter checks summed ${acknowledged})`,
  );
  process.exitCode = lost === 0 ? 0 : 1;
} finally {
  await rm(stateDir, { recursive: true, force: true });
}
