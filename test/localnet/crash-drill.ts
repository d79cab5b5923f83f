/**
 * The crash drill: `icp-calendar localnet start` runs as a child process; writer agents call
 * `increment(1)` on the probe canister and count every acknowledged reply; the child is
 * SIGKILLed at a seeded random moment (every other round right as a checkpoint starts), then
 * started again. Each restart must load, and the counter must hold every acknowledged
 * increment (at most the ones in flight more). Used by crash.int.test.ts (short) and by
 * `npm run drill:crash` (long).
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import { Actor, HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';

import { buildWithAzle } from '../../cli/build/azle-build.ts';
import { createCanister, installModule } from '../../cli/deploy/install-module.ts';
import { probeIdlFactory, type ProbeService } from '../fixtures/canisters/probe/probe-idl.ts';
import { CliProcess } from './localnet-process.ts';

export interface DrillRound {
  round: number;
  killedAt: 'checkpoint start' | 'random moment';
  acknowledged: number;
  inFlight: number;
  counterAfterRestart: number;
  lost: number;
  replayedRounds: number;
}

export interface DrillOptions {
  stateDir: string;
  rounds: number;
  seed: number;
  writers: number;
  log?: (line: string) => void;
}

/** mulberry32: a small seeded generator, so a failing drill can be run again as it was. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function probeWasm(): Promise<Uint8Array> {
  const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
  const built = await buildWithAzle({
    name: 'probe',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/probe`],
  });
  return new Uint8Array(await readFile(built.wasmPath));
}

export async function startNetwork(stateDir: string) {
  const process = new CliProcess(
    ['localnet', 'start', '--port', '0', '--state-dir', stateDir, '--checkpoint-interval', '250'],
    undefined,
    { LOCALNET_TRACE_CHECKPOINTS: '1' },
  );
  const ready = await process.waitFor(/localnet ready at (http:\/\/127\.0\.0\.1:\d+)/);
  return { process, url: ready[1]! };
}

export async function probeActor(url: string, canisterId: Principal) {
  const agent = await HttpAgent.create({
    host: url,
    identity: Ed25519KeyIdentity.generate(),
    shouldFetchRootKey: true,
  });
  return Actor.createActor<ProbeService>(probeIdlFactory, { agent, canisterId });
}

export async function deployProbe(url: string, wasm: Uint8Array): Promise<Principal> {
  const identity = Ed25519KeyIdentity.generate();
  const agent = await HttpAgent.create({ host: url, identity, shouldFetchRootKey: true });
  const id = await createCanister(agent, identity.getPrincipal());
  await installModule(agent, id, wasm, new Uint8Array(IDL.encode([IDL.Text], ['drill'])));
  return id;
}

export async function runCrashDrill(options: DrillOptions): Promise<DrillRound[]> {
  const random = seeded(options.seed);
  const log = options.log ?? (() => undefined);
  const wasm = await probeWasm();
  let network = await startNetwork(options.stateDir);
  const canisterId = await deployProbe(network.url, wasm);
  let acknowledged = 0;
  const results: DrillRound[] = [];
  try {
    for (let round = 1; round <= options.rounds; round++) {
      const writers = await Promise.all(
        Array.from({ length: options.writers }, () => probeActor(network.url, canisterId)),
      );
      let inFlight = 0;
      let stopped = false;
      const writing = writers.map(async (probe) => {
        while (!stopped) {
          inFlight++;
          try {
            await probe.increment(1);
            acknowledged++;
          } catch {
            return; // the network died under this call: not acknowledged
          } finally {
            inFlight--;
          }
        }
      });
      const atCheckpoint = round % 2 === 0;
      const from = network.process.text.length;
      await new Promise((resolve) => setTimeout(resolve, 300 + random() * 1200));
      if (atCheckpoint) await network.process.waitFor(/checkpoint started/, 30_000, from);
      const inFlightAtKill = inFlight;
      await network.process.stop('SIGKILL');
      stopped = true;
      await Promise.all(writing);

      network = await startNetwork(options.stateDir);
      const replayed = /write-ahead log: (\d+) round/.exec(network.process.text);
      const counter = await (await probeActor(network.url, canisterId)).counter();
      const result: DrillRound = {
        round,
        killedAt: atCheckpoint ? 'checkpoint start' : 'random moment',
        acknowledged,
        inFlight: inFlightAtKill,
        counterAfterRestart: counter,
        lost: Math.max(0, acknowledged - counter),
        replayedRounds: replayed ? Number(replayed[1]) : 0,
      };
      results.push(result);
      log(
        `round ${round}: killed at ${result.killedAt}; acknowledged ${acknowledged}, counter after restart ${counter}, lost ${result.lost}, ${result.replayedRounds} log round(s) replayed`,
      );
      acknowledged = counter; // unacknowledged increments that did land count from now on
    }
  } finally {
    await network.process.stop('SIGTERM');
  }
  return results;
}
