/**
 * Durability and speed of `icp-calendar localnet start` with the hello fixture canister: update
 * throughput with 1, 16 and 64 concurrent agents, query throughput with 16 agents, and the
 * latency of queries issued while checkpoints run (16 writers keep the network dirty, and
 * checkpoints are taken every second). Each agent has its own Ed25519 identity; updates are
 * certified (v3 sync call), queries check node signatures. Figures only.
 * Run: npx tsx bench/localnet-durability.ts [seconds-per-run=5] [path/to/cli/bin.js]
 * (pass another checkout's cli/bin.js to measure it the same way, e.g. before a change).
 * Each run also prints the network process's CPU milliseconds per call (from /proc), which
 * other processes' load on a shared machine does not inflate as it does calls per second.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

import { HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import { createCanister, installModule } from '../cli/deploy/install-module.ts';
import { CliProcess } from '../test/localnet/localnet-process.ts';
import { callsPerSecond, createActors } from './concurrent-agents.ts';
import { cpuSeconds } from './process-cpu.ts';

const run = promisify(execFile);
const SECONDS = Number(process.argv[2] ?? 5);
const CLI = process.argv[3] ? resolve(process.argv[3]) : undefined;

interface Hello {
  get_message(): Promise<string>;
  set_message(message: string): Promise<void>;
}
const helloIdl: IDL.InterfaceFactory = ({ IDL }) =>
  IDL.Service({
    get_message: IDL.Func([], [IDL.Text], ['query']),
    set_message: IDL.Func([IDL.Text], [], []),
  });

async function probeQueryLatency(url: string, canisterId: string, seconds: number) {
  const probe = fileURLToPath(new URL('./query-latency-probe.ts', import.meta.url));
  const { stdout } = await run(
    process.execPath,
    ['--import', 'tsx', probe, url, canisterId, String(seconds)],
    {
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  return JSON.parse(stdout) as number[];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function main(): Promise<void> {
  const fixtures = fileURLToPath(new URL('../test/fixtures', import.meta.url));
  const built = await buildWithAzle({
    name: 'hello',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/hello`],
  });
  const stateDir = await mkdtemp(join(tmpdir(), 'localnet-durability-'));
  const args = [
    'localnet',
    'start',
    '--port',
    '0',
    '--state-dir',
    stateDir,
    '--checkpoint-interval',
    '250',
  ];
  const network = new CliProcess(args, undefined, undefined, CLI);
  try {
    const url = (await network.waitFor(/localnet ready at (http:\/\/127\.0\.0\.1:\d+)/))[1]!;
    const identity = Ed25519KeyIdentity.generate();
    const agent = await HttpAgent.create({ host: url, identity, shouldFetchRootKey: true });
    const canisterId = await createCanister(agent, identity.getPrincipal());
    await installModule(
      agent,
      canisterId,
      new Uint8Array(await readFile(built.wasmPath)),
      new Uint8Array(IDL.encode([], [])),
    );
    console.log(
      `localnet ${CLI ?? 'of this checkout'} at ${url}; ${SECONDS} s per run; load average ${loadavg()[0]!.toFixed(1)} (2 shared cores)`,
    );
    const many = await createActors<Hello>(url, canisterId, helloIdl, 64, { cacheBls: true });
    const plain = await createActors<Hello>(url, canisterId, helloIdl, 16);
    // Warm-up: V8 compiles the canister's hot Wasm functions with its optimizing tier in the
    // background during the first seconds of calls; measuring before that mixes in its CPU.
    await callsPerSecond(many.slice(0, 16), SECONDS, (a) => a.set_message('warm'));
    await callsPerSecond(many.slice(0, 16), SECONDS, (a) => a.get_message());
    const pid = network.child.pid;
    const measured = async (
      count: number,
      call: (a: Hello) => Promise<unknown>,
      actors: typeof many = many,
    ) => {
      const cpuBefore = cpuSeconds(pid);
      const perSecond = await callsPerSecond(actors.slice(0, count), SECONDS, call);
      const cpuMs = ((cpuSeconds(pid) - cpuBefore) * 1000) / (perSecond * SECONDS);
      const oneCore = (1000 / cpuMs).toFixed(0);
      return `${perSecond.toFixed(0).padStart(5)}/s, network CPU ${cpuMs.toFixed(2)} ms per call (one core's worth: ${oneCore}/s), load average ${loadavg()[0]!.toFixed(1)}`;
    };
    for (const count of [1, 16, 64]) {
      const updates = await measured(count, (a) => a.set_message('hi'));
      console.log(`${String(count).padStart(2)} agent(s) updates: ${updates}`);
    }
    console.log(`16 agents queries: ${await measured(16, (a) => a.get_message())}`);
    const trusting = await createActors<Hello>(url, canisterId, helloIdl, 16, {
      verifyQuerySignatures: false,
    });
    const unchecked = await measured(16, (a) => a.get_message(), trusting);
    console.log(`16 agents queries, node signatures not checked by the agents: ${unchecked}`);
    const uncached = await measured(16, (a) => a.set_message('hi'), plain);
    console.log(`16 agent(s) updates, a pairing per reply in this process: ${uncached}`);

    // Query latency while checkpoints run: writers keep every checkpoint busy; the probe is
    // its own process, so the writers' client work does not delay its replies.
    const savesBefore = network.text.split('checkpoint saved').length;
    let writing = true;
    const writers = many.slice(0, 16).map(async (a) => {
      while (writing) await a.set_message('x'.repeat(1000));
    });
    const latencies = await probeQueryLatency(url, canisterId.toText(), SECONDS);
    writing = false;
    await Promise.all(writers);
    latencies.sort((a, b) => a - b);
    const saves = network.text.split('checkpoint saved').length - savesBefore;
    console.log(
      `query latency during ${saves} checkpoint(s) with 16 writers: p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)!.toFixed(1)} ms (${latencies.length} queries)`,
    );
    const times = [...network.text.matchAll(/checkpoint saved: .* in (\d+) ms/g)].map((m) =>
      Number(m[1]),
    );
    if (times.length > 0)
      console.log(
        `checkpoints: ${times.length}, median ${times.sort((a, b) => a - b)[times.length >> 1]} ms, max ${times.at(-1)} ms`,
      );
  } finally {
    await network.stop('SIGTERM');
    await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
