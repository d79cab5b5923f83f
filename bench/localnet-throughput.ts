/**
 * Calls per second through the localnet HTTP interface with a real Azle canister (the probe
 * fixture): `icp-calendar localnet start` runs as a child process and several agents in this
 * process call it on loopback (queries: verified node signatures; updates: signed by Ed25519
 * senders, BLS-certified replies). Figures only; the 2-core machine is shared.
 * Run: npx tsx bench/localnet-throughput.ts [seconds-per-run]
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Actor, type HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import { createCanister, installModule } from '../cli/deploy/install-module.ts';
import { callsPerSecond, createActors } from './concurrent-agents.ts';
import { probeIdlFactory, type ProbeService } from '../test/fixtures/canisters/probe/probe-idl.ts';
import { startLocalnetProcess } from '../test/localnet/localnet-process.ts';

const SECONDS = Number(process.argv[2] ?? 3);
const CONCURRENCY = [1, 4, 8];

async function main(): Promise<void> {
  const fixtures = fileURLToPath(new URL('../test/fixtures', import.meta.url));
  const built = await buildWithAzle({
    name: 'probe',
    root: fixtures,
    sourceDirs: [`${fixtures}/canisters/probe`],
  });
  const stateDir = await mkdtemp(join(tmpdir(), 'localnet-throughput-'));
  const { process: localnet, url } = await startLocalnetProcess(stateDir);
  try {
    const [deployer] = await createActors<ProbeService>(
      url,
      Principal.managementCanister(),
      probeIdlFactory,
      1,
    );
    const agent = Actor.agentOf(deployer!) as HttpAgent;
    const canisterId = await createCanister(agent, await agent.getPrincipal());
    await installModule(
      agent,
      canisterId,
      new Uint8Array(await readFile(built.wasmPath)),
      new Uint8Array(IDL.encode([IDL.Text], ['bench'])),
    );
    console.log(
      `localnet child pid ${localnet.child.pid} at ${url}; ${SECONDS} s per run; load average ${loadavg()[0]!.toFixed(1)}`,
    );
    for (const count of CONCURRENCY) {
      const all = await createActors<ProbeService>(url, canisterId, probeIdlFactory, count);
      await callsPerSecond(all.slice(0, 1), SECONDS, (actor) => actor.counter()); // warm-up: root key, first signatures
      const queries = await callsPerSecond(all, SECONDS, (actor) => actor.counter());
      const updates = await callsPerSecond(all, SECONDS, (actor) => actor.increment(1));
      console.log(
        `${String(count).padStart(2)} agent(s): query counter ${queries.toFixed(0).padStart(5)} calls/s   update increment ${updates.toFixed(0).padStart(5)} calls/s`,
      );
    }
  } finally {
    await localnet.stop('SIGTERM');
    await rm(stateDir, { recursive: true, force: true });
  }
}

await main();
