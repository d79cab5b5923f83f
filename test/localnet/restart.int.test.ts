import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Actor, HttpAgent, type ActorSubclass } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWithAzle } from '../../cli/build/azle-build.ts';
import { createCanister, installModule } from '../../cli/deploy/install-module.ts';
import { probeIdlFactory, type ProbeService } from '../fixtures/canisters/probe/probe-idl.ts';
import { startLocalnetProcess, type CliProcess } from './localnet-process.ts';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
const deployer = Ed25519KeyIdentity.generate();
const running = new Set<CliProcess>();
let stateDir: string;
let wasm: Uint8Array;
let probeId: Principal;

async function start() {
  const started = await startLocalnetProcess(stateDir, ['--checkpoint-interval', '300']);
  running.add(started.process);
  const agent = await HttpAgent.create({
    host: started.url,
    identity: deployer,
    shouldFetchRootKey: true,
  });
  return { ...started, agent };
}

function probeOn(agent: HttpAgent): ActorSubclass<ProbeService> {
  return Actor.createActor<ProbeService>(probeIdlFactory, { agent, canisterId: probeId });
}

async function stop(process: CliProcess, signal: NodeJS.Signals) {
  const exit = await process.stop(signal);
  running.delete(process);
  return exit;
}

/** A checkpoint that started before the last write may finish after it: wait until saves stop. */
async function checkpointedAndIdle(process: CliProcess) {
  const saves = () => process.text.split('checkpoint saved').length - 1;
  await process.waitFor(/checkpoint saved/, 30_000, process.text.length);
  for (let seen = saves(); ;) {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    if (saves() === seen) return;
    seen = saves();
  }
}

async function until(condition: () => Promise<boolean>, process: CliProcess, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline)
      throw new Error(`condition not met within ${timeoutMs} ms; localnet said:\n${process.text}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'localnet-restart-'));
  const built = await buildWithAzle({
    name: 'probe',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/probe`],
  });
  wasm = new Uint8Array(await readFile(built.wasmPath));
});

afterAll(async () => {
  for (const process of running) await process.stop('SIGKILL');
  await rm(stateDir, { recursive: true, force: true });
});

describe('icp-calendar localnet start keeps its state across restarts', () => {
  it('keeps canisters, heap, stable memory and the root key after SIGTERM', async () => {
    const first = await start();
    probeId = await createCanister(first.agent, deployer.getPrincipal());
    expect(
      await installModule(first.agent, probeId, wasm, IDL.encode([IDL.Text], ['persisted'])),
    ).toBe('installed');
    const probe = probeOn(first.agent);
    await probe.put('colour', 'teal');
    expect(await probe.increment(7)).toBe(7);
    const rootKey = first.agent.rootKey;
    expect(await stop(first.process, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(first.process.text).toMatch(/localnet stopped \(SIGTERM\)/);

    const second = await start();
    expect(second.process.text).toMatch(/1 canister\(s\) restored/);
    expect(second.agent.rootKey).toEqual(rootKey);
    const restored = probeOn(second.agent);
    expect(await restored.greet()).toBe('persisted');
    expect(await restored.get('colour')).toEqual(['teal']);
    expect(await restored.counter()).toBe(7);
    expect(await restored.increment(1)).toBe(8);
    expect(
      await installModule(
        second.agent,
        probeId,
        wasm,
        new Uint8Array(IDL.encode([IDL.Text], ['again'])),
      ),
    ).toBe('unchanged');
    await stop(second.process, 'SIGTERM');
  });

  it('keeps what the last checkpoint saved after SIGKILL', async () => {
    const first = await start();
    const probe = probeOn(first.agent);
    await probe.put('written-before-kill', 'yes');
    expect(await probe.increment(10)).toBe(18);
    await checkpointedAndIdle(first.process);
    expect(await stop(first.process, 'SIGKILL')).toEqual({ code: null, signal: 'SIGKILL' });

    const second = await start();
    const restored = probeOn(second.agent);
    expect(await restored.get('written-before-kill')).toEqual(['yes']);
    expect(await restored.counter()).toBe(18);
    await stop(second.process, 'SIGTERM');
  });

  it('keeps every acknowledged update after SIGKILL in the middle of writes and checkpoints', async () => {
    const first = await start();
    const probe = probeOn(first.agent);
    const start18 = await probe.counter();
    let acknowledged = start18;
    const deadline = Date.now() + 2_500;
    while (Date.now() < deadline) acknowledged = await probe.increment(1);
    const kill = stop(first.process, 'SIGKILL');
    await kill;

    const second = await start();
    const restored = probeOn(second.agent);
    const counter = await restored.counter();
    expect(counter).toBeGreaterThan(start18);
    // Every acknowledged update is in the write-ahead log: none lost.
    expect(counter).toBe(acknowledged);
    expect(await restored.increment(1)).toBe(counter + 1);
    await stop(second.process, 'SIGTERM');
  });

  it('fires canister timers on the wall clock, and a pending timer survives a restart', async () => {
    const first = await start();
    const probe = probeOn(first.agent);
    const runs = await probe.timer_runs();
    await probe.start_timer(1);
    await until(async () => (await probe.timer_runs()) === runs + 1, first.process);
    await probe.start_timer(4);
    await stop(first.process, 'SIGTERM');

    const second = await start();
    const restored = probeOn(second.agent);
    expect(await restored.timer_runs()).toBe(runs + 1);
    await until(async () => (await restored.timer_runs()) === runs + 2, second.process);
    await stop(second.process, 'SIGTERM');
  });
});
