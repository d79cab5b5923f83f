/**
 * Prints what the localnet HTTP interface costs per request over a fake backend (so the figures
 * are the protocol layer only): BLS certificate signing, an anonymous query (node signature,
 * agent verification), a v3 update (Ed25519 sender, certificate) and a read_state, plus how
 * certificate cost grows with the number of remembered request statuses. Figures only.
 * Run: npx tsx bench/localnet-http.ts
 */
import { Actor, Certificate, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';
import { Certifier } from '../localnet/http/certification/certifier.ts';
import { trieSet, type LabelTrie } from '../localnet/http/certification/label-trie.ts';
import type { LabeledTree } from '../localnet/http/certification/labeled-tree.ts';
import { requestStatusTree } from '../localnet/http/certification/state-tree.ts';
import { deriveNetworkIdentity, generateNetworkKeys } from '../localnet/http/keys.ts';
import { createHttpServer } from '../localnet/http/server.ts';
import { FakeBackend } from '../localnet/http/testing/fake-backend.ts';
import {
  addGreeter,
  greeterIdl,
  type GreeterService,
} from '../localnet/http/testing/fake-greeter.ts';

const ROUNDS = 40;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function timeEach(
  rounds: number,
  run: (i: number) => Promise<unknown> | unknown,
): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await run(i);
    times.push(performance.now() - start);
  }
  return median(times);
}

const ms = (value: number) => `${value.toFixed(2)} ms`;

async function main(): Promise<void> {
  const keys = generateNetworkKeys();
  const certifier = new Certifier(keys, deriveNetworkIdentity(keys));
  const timePath = [[utf8ToBytes('time')]];
  const nowNs = () => BigInt(Date.now()) * 1_000_000n;
  certifier.certify({ timeNs: nowNs() }, timePath); // warm-up (BLS precomputation)
  console.log(
    `certificate for /time only (BLS sign + CBOR)     median ${ms(await timeEach(ROUNDS, () => certifier.certify({ timeNs: nowNs() }, timePath)))}`,
  );

  const sample = certifier.certify({ timeNs: nowNs() }, timePath);
  const verify = () =>
    Certificate.create({
      certificate: sample,
      rootKey: certifier.identity.rootKeyDer,
      canisterId: Principal.fromText('lxzze-o7777-77777-aaaaa-cai'),
    });
  await verify();
  console.log(
    `agent-side check of one certificate (BLS verify)  median ${ms(await timeEach(10, verify))}`,
  );

  for (const count of [100, 1_000, 10_000, 100_000]) {
    const reply = requestStatusTree({ status: 'replied', reply: new Uint8Array(16) });
    let statuses: LabelTrie<LabeledTree> = undefined;
    for (let i = 0; i < count; i++)
      statuses = trieSet(statuses, sha256(Uint8Array.of(i, i >> 8, i >> 16)), reply);
    let added = count;
    const median = await timeEach(10, () => {
      // A round: 16 new statuses, then one signed certificate revealing one of them.
      for (let i = 0; i < 16; i++, added++) {
        statuses = trieSet(
          statuses,
          sha256(Uint8Array.of(added, added >> 8, added >> 16, 1)),
          reply,
        );
      }
      certifier.certify({ timeNs: nowNs(), requestStatuses: { trie: statuses } }, timePath);
    });
    console.log(
      `round of 16 new statuses with ${String(count).padStart(6)} kept, signed   median ${ms(median)}`,
    );
  }

  const backend = new FakeBackend();
  const greeter = addGreeter(backend);
  const server = await createHttpServer({ backend, port: 0 });
  try {
    const anonymous = await HttpAgent.create({ host: server.url, shouldFetchRootKey: true });
    const signed = await HttpAgent.create({
      host: server.url,
      shouldFetchRootKey: true,
      identity: Ed25519KeyIdentity.generate(),
    });
    const reader = Actor.createActor<GreeterService>(greeterIdl, {
      agent: anonymous,
      canisterId: greeter.id,
    });
    const writer = Actor.createActor<GreeterService>(greeterIdl, {
      agent: signed,
      canisterId: greeter.id,
    });
    await reader.greet('warm-up');
    await writer.increment();
    console.log(
      `anonymous query through HttpAgent (verified)      median ${ms(await timeEach(ROUNDS, (i) => reader.greet(`n${i}`)))}`,
    );
    console.log(
      `Ed25519 v3 update through HttpAgent (certified)   median ${ms(await timeEach(ROUNDS, () => writer.increment()))}`,
    );
    console.log(
      `read_state /time through HttpAgent                median ${ms(await timeEach(ROUNDS, () => anonymous.readState(greeter.id, { paths: timePath })))}`,
    );
  } finally {
    await server.close();
  }
}

await main();
