import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { callContent, envelope, post } from '../../localnet/http/testing/raw-requests.ts';
import { deployProbe, probeActor, probeWasm, runCrashDrill, startNetwork } from './crash-drill.ts';
import { CliProcess } from './localnet-process.ts';

let stateDir: string;
const running = new Set<CliProcess>();

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'localnet-crash-'));
});

afterAll(async () => {
  for (const process of running) await process.stop('SIGKILL');
  await rm(stateDir, { recursive: true, force: true });
});

describe('localnet durability under SIGKILL', () => {
  it('loses no acknowledged update over 3 seeded kills (incl. one as a checkpoint starts)', async () => {
    const rounds = await runCrashDrill({
      stateDir: join(stateDir, 'drill'),
      rounds: 3,
      seed: 15,
      writers: 4,
    });
    expect(rounds).toHaveLength(3);
    expect(rounds.map((r) => r.lost)).toEqual([0, 0, 0]);
    for (const round of rounds) {
      expect(round.counterAfterRestart).toBeLessThanOrEqual(round.acknowledged + round.inFlight);
    }
    expect(rounds.reduce((sum, r) => sum + r.acknowledged, 0)).toBeGreaterThan(0);
  });

  it('answers a signed request sent again after a restart without running it twice', async () => {
    const dir = join(stateDir, 'duplicate');
    const first = await startNetwork(dir);
    running.add(first.process);
    const canisterId = await deployProbe(first.url, await probeWasm());
    const identity = Ed25519KeyIdentity.generate();
    const body = await envelope(
      identity,
      callContent({
        sender: identity.getPrincipal(),
        canisterId,
        methodName: 'increment',
        arg: new Uint8Array(IDL.encode([IDL.Nat32], [5])),
      }),
    );
    const path = `/api/v3/canister/${canisterId.toText()}/call`;
    expect((await post(first.url + path, body)).cbor).toMatchObject({ status: 'replied' });
    expect(await (await probeActor(first.url, canisterId)).counter()).toBe(5);
    await first.process.stop('SIGKILL');
    running.delete(first.process);

    const second = await startNetwork(dir);
    running.add(second.process);
    const again = await post(second.url + path, body);
    expect(again.status).toBe(200);
    expect(again.cbor).toMatchObject({ status: 'replied' });
    expect(await (await probeActor(second.url, canisterId)).counter()).toBe(5);

    const third = new CliProcess(['localnet', 'start', '--port', '0', '--state-dir', dir]);
    expect(await third.exited).toEqual({ code: 1, signal: null });
    expect(third.text).toContain(
      `LOCALNET_STATE_LOCKED: ${dir} is in use by the localnet with pid ${second.process.child.pid} on port ${new URL(second.url).port}`,
    );
    await second.process.stop('SIGTERM');
    running.delete(second.process);
  });
});
