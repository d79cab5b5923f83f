import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { buildPluginFixture } from '../backup/fixtures/build-fixture.ts';
import { HealthReplyIdl } from './candid.ts';
import type { HealthReply } from './index.ts';

const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));
const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(51));
const stranger = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(52));

interface HealthProbe {
  health_check(): Promise<HealthReply>;
}
const idlFactory: IDL.InterfaceFactory = () =>
  IDL.Service({ health_check: IDL.Func([], [HealthReplyIdl], ['query']) });

let network: LocalNetwork;
let probe: Actor<HealthProbe>;

const byName = (reply: HealthReply) =>
  Object.fromEntries((reply.checks[0] ?? []).map((c) => [c.name, c.healthy]));

beforeAll(async () => {
  const wasm = await buildPluginFixture(fixturesDir, 'health_probe');
  network = await LocalNetwork.create();
  const setup = await network.setupCanister<HealthProbe>({
    idlFactory,
    wasm,
    arg: new Uint8Array(IDL.encode([], [])),
    sender: controller.getPrincipal(),
  });
  expect(setup.canisterId.toText()).toBe('lxzze-o7777-77777-aaaaa-cai'); // the 'self' dependency
  probe = setup.actor;
});

afterAll(async () => {
  await network?.tearDown();
});

describe('health plugin on localnet (health_probe fixture)', () => {
  it('tells anyone the status and version, and only monitors the checks', async () => {
    probe.setPrincipal(Principal.anonymous());
    const open = await probe.health_check();
    expect(open.status).toEqual({ healthy: null });
    expect(open.version).toMatchObject({ canister: 'health_probe', build: 'fixture-1' });
    expect(open.checks).toEqual([]);
    probe.setIdentity(stranger);
    expect((await probe.health_check()).checks).toEqual([]);

    probe.setIdentity(controller);
    const detailed = await probe.health_check();
    expect(byName(detailed)).toEqual({
      'last-backup': true,
      'cycles-minimum': true,
      'cycles-runway': true,
      stores: true,
      memory: true,
      'dependency:self': true,
      'dependency:ghost': true,
    });
    expect(detailed.checks[0]!.find((c) => c.name === 'dependency:ghost')!.critical).toBe(true);
  });

  it('probes dependencies from a timer: an unreachable critical one makes the canister unhealthy', async () => {
    probe.setIdentity(controller);
    for (let minute = 0; minute < 3; minute++) {
      await network.advanceTime(61_000);
      await network.tick(3);
    }
    const reply = await probe.health_check();
    const checks = Object.fromEntries(reply.checks[0]!.map((c) => [c.name, c]));
    expect(checks['dependency:self']).toMatchObject({ healthy: true });
    expect(checks['dependency:self']!.detail).toMatch(/reached \d+s ago/);
    expect(checks['dependency:ghost']).toMatchObject({ healthy: false });
    expect(checks['dependency:ghost']!.detail).toMatch(/never reached; last probe failed/);
    expect(checks['cycles-runway']!.detail).toMatch(/runway|burn/);
    expect(reply.status).toEqual({ unhealthy: null });
  });
});
