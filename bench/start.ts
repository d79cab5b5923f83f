/**
 * Start-to-ready time of `icp-calendar start` (what `npm start` runs): cold (empty state
 * folder: new keys, every canister created and installed) and warm (same folder again:
 * state restored, unchanged modules skipped). Each run is a child process stopped by its pid.
 * Besides wall time it prints the CPU time the process used until ready (from /proc), which
 * the load of other processes on a shared machine does not inflate.
 * Figures only. Run: npx tsx bench/start.ts [warm runs=2] [state folder to reuse: skips cold]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';

import { CliProcess } from '../test/localnet/localnet-process.ts';
import { cpuSeconds } from './process-cpu.ts';

async function timeStart(stateDir: string): Promise<string> {
  const started = performance.now();
  const run = new CliProcess(['start', '--port', '0', '--state-dir', stateDir]);
  try {
    await run.waitFor(/ready in/, 1_800_000);
    const seconds = (performance.now() - started) / 1000;
    const cpu = cpuSeconds(run.child.pid);
    const steps = [...run.text.matchAll(/^(\w[\w ]*): done in ([\d.]+ s)$/gm)].map(
      (m) => `${m[1]} ${m[2]}`,
    );
    return `${seconds.toFixed(1)} s to ready, ${cpu.toFixed(1)} s CPU  [${steps.join(', ')}]`;
  } finally {
    await run.stop('SIGTERM');
  }
}

const warmRuns = Number(process.argv[2] ?? 2);
const reused = process.argv[3];
const stateDir = reused ?? (await mkdtemp(join(tmpdir(), 'bench-start-')));
try {
  console.log(`load average ${loadavg()[0]!.toFixed(1)} (2 shared cores)`);
  if (!reused) console.log(`cold start (empty state folder): ${await timeStart(stateDir)}`);
  for (let run = 1; run <= warmRuns; run++) {
    console.log(`warm start ${run} (state restored):   ${await timeStart(stateDir)}`);
    console.log(`  load average ${loadavg()[0]!.toFixed(1)}`);
  }
} finally {
  if (!reused) await rm(stateDir, { recursive: true, force: true });
}
