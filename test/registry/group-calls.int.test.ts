import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { type PeerService, peerIdlFactory } from '../../plugins/auth/fixtures/peer-idl.ts';
import { buildFixture } from './build-fixture.ts';
import { type RegistryService, registryIdlFactory } from '../../cli/deploy/registry-actor.ts';

// Canister A (in group `peers`) calls canister B's group-only method; C is outside the group.
const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(41));
const user = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(42));
const noArgs = new Uint8Array(IDL.encode([], []));
const TTL_MS = 20_000;

let network: LocalNetwork;
let registry: Actor<RegistryService>;
let registryId: Principal;
let registryWasm: string;
let peerWasm: string;
const peers: { id: Principal; actor: Actor<PeerService> }[] = [];

function ok<T>(reply: { Ok: T } | { Err: { code: string; message: string } }): T {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}

function errCode(reply: { Ok: unknown } | { Err: { code: string } }): string | undefined {
  return 'Err' in reply ? reply.Err.code : undefined;
}

beforeAll(async () => {
  registryWasm = await buildFixture({
    name: 'registry',
    yaml: 'canisters/registry/canister.yaml',
    sources: ['plugins/auth', 'canisters/registry'],
  });
  peerWasm = await buildFixture({
    name: 'auth_peer',
    yaml: 'plugins/auth/fixtures/canister.yaml',
    sources: ['plugins/auth'],
  });
  network = await LocalNetwork.create();
  const sender = controller.getPrincipal();
  const setup = await network.setupCanister<RegistryService>({
    idlFactory: registryIdlFactory,
    wasm: registryWasm,
    arg: noArgs,
    sender,
  });
  registry = setup.actor;
  registryId = setup.canisterId;
  registry.setIdentity(controller);
  for (let i = 0; i < 3; i++) {
    const peer = await network.setupCanister<PeerService>({
      idlFactory: peerIdlFactory,
      wasm: peerWasm,
      arg: noArgs,
      sender,
    });
    peer.actor.setIdentity(controller);
    ok(await peer.actor.auth_set_registry(setup.canisterId));
    peers.push({ id: peer.canisterId, actor: peer.actor });
  }
  ok(await registry.register_canister_group('peers', 'fixture canisters that call each other'));
  for (const peer of peers.slice(0, 2)) {
    ok(
      await registry.add_canister_to_group({
        group: 'peers',
        canister: peer.id,
        kind: 'auth_peer',
        shard: [],
      }),
    );
  }
  // Let the warm-up and refresh timers fetch the member list.
  await network.advanceTime(TTL_MS / 2 + 1_000);
  await network.tick(3);
});

afterAll(async () => {
  await network?.tearDown();
});

describe('group-only methods across canisters', () => {
  it('admits a call from a member canister of the group', async () => {
    const [a, b] = peers;
    a!.actor.setIdentity(user);
    expect(await a!.actor.call_peer(b!.id)).toEqual({ Ok: a!.id.toText() });
  });

  it('refuses a canister outside the group, a user principal and the anonymous principal', async () => {
    const [, b, c] = peers;
    c!.actor.setIdentity(user);
    expect(errCode(await c!.actor.call_peer(b!.id))).toBe('AUTH_FORBIDDEN');
    b!.actor.setIdentity(user);
    expect(errCode(await b!.actor.ping_group())).toBe('AUTH_FORBIDDEN');
    b!.actor.setPrincipal(Principal.anonymous());
    expect(errCode(await b!.actor.ping_group())).toBe('AUTH_ANONYMOUS');
  });

  it('drops ingress to a group-only method in inspect_message, before execution', async () => {
    const [, b] = peers;
    const inspect = (sender: Principal, method: string) =>
      network.engine.inspectMessage({ sender, canisterId: b!.id, method, arg: noArgs });
    expect((await inspect(user.getPrincipal(), 'ping_group'))?.kind).toBe('rejected');
    expect((await inspect(Principal.anonymous(), 'call_peer'))?.kind).toBe('rejected');
    expect((await inspect(user.getPrincipal(), 'auth_set_registry'))?.kind).toBe('rejected');
    expect(await inspect(controller.getPrincipal(), 'auth_set_registry')).toBeUndefined();
    expect(
      await network.engine.inspectMessage({
        sender: user.getPrincipal(),
        canisterId: b!.id,
        method: 'call_peer',
        arg: new Uint8Array(IDL.encode([IDL.Principal], [b!.id])),
      }),
    ).toBeUndefined();
  });

  it('answers membership questions by principal', async () => {
    const [a, b, c] = peers;
    expect(await registry.is_member('peers', a!.id)).toEqual({ Ok: true });
    expect(await registry.is_member('peers', c!.id)).toEqual({ Ok: false });
    expect(await registry.verify_inter_canister_call(a!.id, b!.id)).toEqual({
      allowed: true,
      shared_groups: ['peers'],
    });
    expect((await registry.verify_inter_canister_call(c!.id, b!.id)).allowed).toBe(false);
    expect((await registry.lookup('auth_peer')).map((m) => m.canister.toText()).sort()).toEqual(
      [a!.id.toText(), b!.id.toText()].sort(),
    );
  });

  it('refuses A within the cache TTL after A leaves the group', async () => {
    const [a, b] = peers;
    a!.actor.setIdentity(user);
    ok(await registry.remove_canister_from_group('peers', a!.id));
    // Still cached: B has not refreshed yet.
    expect(await a!.actor.call_peer(b!.id)).toEqual({ Ok: a!.id.toText() });
    await network.advanceTime(TTL_MS / 2 + 1_000);
    await network.tick(3);
    expect(errCode(await a!.actor.call_peer(b!.id))).toBe('AUTH_FORBIDDEN');
  });

  it('keeps an audit log of admin changes that only admins read', async () => {
    const [a] = peers;
    a!.actor.setIdentity(controller);
    ok(await a!.actor.auth_grant_admin(user.getPrincipal()));
    const log = ok(await a!.actor.auth_audit_log(0n, 10));
    expect(log.entries.map((e) => [e.actor.toText(), e.action])).toEqual([
      [controller.getPrincipal().toText(), 'set_registry'],
      [controller.getPrincipal().toText(), 'grant_admin'],
    ]);
    a!.actor.setPrincipal(Principal.fromText('aaaaa-aa'));
    expect(errCode(await a!.actor.auth_audit_log(0n, 10))).toBe('AUTH_FORBIDDEN');
  });

  it('keeps groups, the registry setting and granted admins through upgrades', async () => {
    const [a, b] = peers;
    const sender = controller.getPrincipal();
    await network.upgradeCanister({
      canisterId: registryId,
      wasm: registryWasm,
      arg: noArgs,
      sender,
    });
    await network.upgradeCanister({ canisterId: b!.id, wasm: peerWasm, arg: noArgs, sender });
    await network.upgradeCanister({ canisterId: a!.id, wasm: peerWasm, arg: noArgs, sender });
    expect(await registry.is_member('peers', b!.id)).toEqual({ Ok: true });
    expect(await registry.is_member('peers', a!.id)).toEqual({ Ok: false });
    b!.actor.setIdentity(controller);
    expect(ok(await b!.actor.auth_refresh_membership())).toEqual([
      { group: 'peers', members: [1], error: [] },
    ]);
    // Granted before the upgrade: still an admin of A.
    a!.actor.setIdentity(user);
    expect(ok(await a!.actor.auth_audit_log(0n, 10)).entries).toHaveLength(2);
  });
});
