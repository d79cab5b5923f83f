/**
 * Start-to-ready time of `icp-calendar start` (what `npm start` runs): cold (empty state
 * folder: new keys, every canister created and installed) and warm (same folder again:
 * state restored, unchanged modules skipped). Each run is a child process stopped by its pid.
 * Figures only. Run: npx tsx bench/start.ts
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { CliProcess } from '../test/localnet/localnet-process.ts';

async function timeStart(stateDir: string): Promise<{ seconds: number; steps: string }> {
  const started = performance.now();
  const run = new CliProcess(['start', '--port', '0', '--state-dir', stateDir]);
  try {
    await run.waitFor(/ready in/, 300_000);
    const seconds = (performance.now() - started) / 1000;
    const steps = [...run.text.matchAll(/^(\w[\w ]*): done in ([\d.]+ s)$/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    return { seconds, steps: steps.join(', ') };
  } finally {
    await run.stop('SIGTERM');
  }
}

const stateDir = await mkdtemp(join(tmpdir(), 'bench-start-'));
try {
  console.log(`load average ${loadavg()[0]!.toFixed(1)} (2 shared cores)`);
  const cold = await timeStart(stateDir);
  console.log(
    `cold start (empty state folder): ${cold.seconds.toFixed(1)} s to ready  [${cold.steps}]`,
  );
  for (let run = 1; run <= 2; run++) {
    const warm = await timeStart(stateDir);
    console.log(
      `warm start ${run} (state restored):   ${warm.seconds.toFixed(1)} s to ready  [${warm.steps}]`,
    );
  }
} finally {
  await rm(stateDir, { recursive: true, force: true });
}
