import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, CanisterStatus, Certificate } from '@dfinity/agent';
import {
  DelegationChain,
  DelegationIdentity,
  ECDSAKeyIdentity,
  Ed25519KeyIdentity,
} from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import { decodeCbor } from './cbor.ts';
import { toHex } from './bytes.ts';
import { GREETER_CANDID } from './testing/fake-greeter.ts';
import { Secp256k1TestIdentity } from './testing/secp256k1-test-identity.ts';
import { WebAuthnTestIdentity } from './testing/webauthn-test-identity.ts';
import { startTestNetwork, type TestNetwork } from './testing/test-network.ts';

let net: TestNetwork;
beforeAll(async () => {
  net = await startTestNetwork();
});
afterAll(() => net.close());

const calls = (fetched: string[], from: number) =>
  fetched.slice(from).map((line) => line.replace(/http:\/\/[^/]+/, ''));

describe('localnet HTTP interface through an unmodified @dfinity/agent 3.4.3', () => {
  it('serves the status with a 133-byte DER BLS root key', async () => {
    const response = await fetch(`${net.server.url}/api/v2/status`);
    const status = decodeCbor(new Uint8Array(await response.arrayBuffer())) as Record<
      string,
      unknown
    >;
    expect(response.status).toBe(200);
    expect(status.replica_health_status).toBe('healthy');
    expect(toHex(status.root_key as Uint8Array)).toBe(toHex(net.server.rootKeyDer));
    expect((status.root_key as Uint8Array).length).toBe(133);
  });

  it('answers an anonymous query with a verified node signature', async () => {
    const actor = await net.greeterActor();
    expect(await actor.greet('Ada')).toBe('Hello, Ada!');
    expect((await actor.whoami_query()).toText()).toBe('2vxsx-fae');
  });

  it('runs an Ed25519 update through the synchronous v3 call, without polling', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const actor = await net.greeterActor(identity);
    const before = net.fetched.length;
    expect((await actor.whoami()).toText()).toBe(identity.getPrincipal().toText());
    const made = calls(net.fetched, before);
    expect(made).toContain(`POST /api/v3/canister/${net.greeter.id.toText()}/call`);
    expect(made.filter((line) => line.includes('/call'))).toHaveLength(1);
    expect(made.some((line) => line.includes('read_state') && !line.includes('subnet'))).toBe(
      false,
    );
  });

  it('accepts ECDSA secp256k1 senders (noble-based test identity)', async () => {
    const identity = new Secp256k1TestIdentity();
    const actor = await net.greeterActor(identity);
    expect((await actor.whoami()).toText()).toBe(identity.getPrincipal().toText());
    expect((await actor.whoami_query()).toText()).toBe(identity.getPrincipal().toText());
  });

  it('accepts ECDSA P-256 senders (ECDSAKeyIdentity, WebCrypto)', async () => {
    const identity = await ECDSAKeyIdentity.generate();
    const actor = await net.greeterActor(identity);
    expect((await actor.whoami()).toText()).toBe(identity.getPrincipal().toText());
  });

  it('accepts WebAuthn (COSE P-256) senders and refuses a wrong challenge', async () => {
    const identity = new WebAuthnTestIdentity();
    const actor = await net.greeterActor(identity);
    expect((await actor.whoami()).toText()).toBe(identity.getPrincipal().toText());
    expect((await actor.whoami_query()).toText()).toBe(identity.getPrincipal().toText());
    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(
      identity,
      session.getPublicKey(),
      new Date(Date.now() + 60_000),
    );
    const delegated = await net.greeterActor(DelegationIdentity.fromDelegation(session, chain));
    expect((await delegated.whoami()).toText()).toBe(identity.getPrincipal().toText());
    identity.challengeOf = () => 'not-the-request';
    const refused = await net.greeterActor(identity, { retryTimes: 0 });
    await expect(refused.whoami()).rejects.toThrow(/Invalid signature/);
  });

  it('accepts a delegation chain scoped to the canister, acting as the root key', async () => {
    const root = Ed25519KeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const chain = await DelegationChain.create(
      root,
      session.getPublicKey(),
      new Date(Date.now() + 3_600_000),
      {
        targets: [net.greeter.id],
      },
    );
    const identity = DelegationIdentity.fromDelegation(session, chain);
    const actor = await net.greeterActor(identity);
    expect((await actor.whoami()).toText()).toBe(root.getPrincipal().toText());
    expect((await actor.whoami_query()).toText()).toBe(root.getPrincipal().toText());
  });

  it('counts every update once', async () => {
    const actor = await net.greeterActor(Ed25519KeyIdentity.generate());
    const first = await actor.increment();
    expect(await actor.increment()).toBe(first + 1n);
    expect(net.greeter.count()).toBe(first + 1n);
  });

  it('certifies a reject: the agent reports code 5 and the error code', async () => {
    const actor = await net.greeterActor(Ed25519KeyIdentity.generate());
    const error = await actor.fail().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error?.message).toContain('boom');
    expect(error?.message).toContain('IC0503');
  });

  it('reads module_hash, controllers and candid:service through CanisterStatus.request', async () => {
    const agent = await net.agent();
    const status = await CanisterStatus.request({
      canisterId: net.greeter.id,
      agent,
      paths: ['time', 'module_hash', 'candid', 'controllers'],
    });
    expect(status.get('module_hash')).toBe(toHex(sha256(net.greeter.module!)));
    expect(status.get('candid')).toBe(GREETER_CANDID);
    expect(status.get('controllers')).toEqual([]);
    expect(Math.abs((status.get('time') as Date).getTime() - Date.now())).toBeLessThan(60_000);
  });

  it('certifies time near the wall clock even when the network clock was moved', async () => {
    net.backend.networkTimeNs += 86_400_000_000_000n; // a day ahead
    const agent = await net.agent();
    const response = await agent.readState(net.greeter.id, {
      paths: [[new TextEncoder().encode('time')]],
    });
    const certificate = await Certificate.create({
      certificate: response.certificate,
      rootKey: agent.rootKey!,
      canisterId: net.greeter.id,
    });
    const leb = certificate.lookup_path(['time']);
    expect(leb.status).toBe('Found');
  });

  it('answers 202 for a slow call, then the agent polls the certified status', async () => {
    const slowNet = await startTestNetwork({ syncCallTimeoutMs: 50 });
    try {
      const actor = await slowNet.greeterActor(Ed25519KeyIdentity.generate());
      expect(await actor.slow(300n)).toBe('slept 300 ms');
      expect(
        slowNet.fetched.some((l) =>
          l.includes(`/api/v2/canister/${slowNet.greeter.id.toText()}/read_state`),
        ),
      ).toBe(true);
    } finally {
      await slowNet.close();
    }
  });
});

describe('v2 call with read_state polling (v3 turned off)', () => {
  let v2: TestNetwork;
  beforeAll(async () => {
    v2 = await startTestNetwork({ syncCallSupported: false });
  });
  afterAll(() => v2.close());

  it('falls back from a v3 404 to v2 and polls request_status', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const actor = await v2.greeterActor(identity);
    const before = v2.fetched.length;
    expect((await actor.whoami()).toText()).toBe(identity.getPrincipal().toText());
    const made = calls(v2.fetched, before);
    const id = v2.greeter.id.toText();
    expect(made).toContain(`POST /api/v3/canister/${id}/call`);
    expect(made).toContain(`POST /api/v2/canister/${id}/call`);
    expect(made).toContain(`POST /api/v2/canister/${id}/read_state`);
  });

  it('reports a certified reject found by polling', async () => {
    const actor = await v2.greeterActor(Ed25519KeyIdentity.generate());
    await expect(actor.fail()).rejects.toThrow(/boom/);
  });
});

describe('management canister by ingress', () => {
  it('creates a canister with provisional_create_canister_with_cycles, controlled by the caller', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const management = Actor.createActor<{
      provisional_create_canister_with_cycles(arg: {
        amount: [];
        settings: [];
      }): Promise<{ canister_id: Principal }>;
    }>(
      ({ IDL }) =>
        IDL.Service({
          provisional_create_canister_with_cycles: IDL.Func(
            [IDL.Record({ amount: IDL.Opt(IDL.Nat), settings: IDL.Opt(IDL.Null) })],
            [IDL.Record({ canister_id: IDL.Principal })],
            [],
          ),
        }),
      {
        agent: await net.agent(identity),
        canisterId: Principal.managementCanister(),
        effectiveCanisterId: net.greeter.id,
      },
    );
    const { canister_id } = await management.provisional_create_canister_with_cycles({
      amount: [],
      settings: [],
    });
    const created = net.backend.canisters.get(canister_id.toText());
    expect(created?.controllers.map((p) => p.toText())).toEqual([identity.getPrincipal().toText()]);
    expect(Principal.from(canister_id).toUint8Array().length).toBe(10);
  });
});
