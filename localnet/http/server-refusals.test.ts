import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnonymousIdentity, Certificate } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import { decodeCbor } from './cbor.ts';
import { requestIdOf } from './request-id.ts';
import {
  callContent,
  envelope,
  MINUTE_NS,
  nowNs,
  post,
  readStateContent,
} from './testing/raw-requests.ts';
import { TamperingIdentity } from './testing/tampering-identity.ts';
import { startTestNetwork, type TestNetwork } from './testing/test-network.ts';

const owner = Ed25519KeyIdentity.generate();
let net: TestNetwork;
let url: (path: string) => string;
beforeAll(async () => {
  net = await startTestNetwork({ controllers: [owner.getPrincipal()] });
  url = (path) => `${net.server.url}${path}`;
});
afterAll(() => net.close());

const greeterPath = (verb: string, version = 'v3') =>
  `/api/${version}/canister/${net.greeter.id.toText()}/${verb}`;
const whoami = (
  identity: Ed25519KeyIdentity | AnonymousIdentity,
  extra: Partial<Parameters<typeof callContent>[0]> = {},
) =>
  callContent({
    sender: identity.getPrincipal(),
    canisterId: net.greeter.id,
    methodName: 'whoami',
    arg: IDL.encode([], []),
    ...extra,
  });

describe('authentication refusals', () => {
  it('refuses a tampered signature with a readable 400, and the agent surfaces it', async () => {
    const identity = new TamperingIdentity(Ed25519KeyIdentity.generate());
    const raw = await post(
      url(greeterPath('call')),
      await envelope(identity, whoami(identity as never)),
    );
    expect(raw.status).toBe(400);
    expect(raw.text).toMatch(/^Invalid signature: sender_sig does not verify/);
    expect(raw.text).toContain('[LOCALNET_HTTP_BAD_SIGNATURE]');
    const actor = await net.greeterActor(identity, { retryTimes: 0 });
    await expect(actor.whoami()).rejects.toThrow(/Invalid signature/);
    await expect(actor.greet('x')).rejects.toThrow(/Invalid signature/);
  });

  it('refuses a sender that is not the key’s principal', async () => {
    const signer = Ed25519KeyIdentity.generate();
    const content = whoami(signer, { sender: Ed25519KeyIdentity.generate().getPrincipal() });
    const raw = await post(url(greeterPath('call')), await envelope(signer, content));
    expect(raw.status).toBe(400);
    expect(raw.text).toContain('does not match the public key');
  });

  it('refuses an anonymous sender that carries a signature, and a signed one that does not', async () => {
    const signer = Ed25519KeyIdentity.generate();
    const anonymousSigned = await envelope(
      signer,
      whoami(signer, { sender: Principal.anonymous() }),
    );
    expect((await post(url(greeterPath('call')), anonymousSigned)).text).toContain(
      'LOCALNET_HTTP_ANONYMOUS_SIGNED',
    );
    const unsigned = await envelope(new AnonymousIdentity(), whoami(signer));
    expect((await post(url(greeterPath('call')), unsigned)).text).toContain(
      'LOCALNET_HTTP_MISSING_SIGNATURE',
    );
  });

  it('refuses an expired request with the exact prefix agents resync on', async () => {
    const identity = Ed25519KeyIdentity.generate();
    for (const expiryNs of [nowNs() - MINUTE_NS, nowNs() + 30n * MINUTE_NS]) {
      const raw = await post(
        url(greeterPath('call')),
        await envelope(identity, whoami(identity, { expiryNs })),
      );
      expect(raw.status).toBe(400);
      expect(raw.text.startsWith('Invalid request expiry: ')).toBe(true);
    }
  });

  it('lets the agent resync its clock after an expiry refusal (network time certified)', async () => {
    const skewed = await startTestNetwork({ timeSource: 'network' });
    try {
      const actor = await skewed.greeterActor(Ed25519KeyIdentity.generate());
      expect(await actor.increment()).toBe(1n);
      const calls = skewed.fetched.filter((line) => line.endsWith('/call'));
      expect(calls.length).toBe(2);
    } finally {
      await skewed.close();
    }
  });

  it('refuses an expired delegation and one whose targets exclude the canister', async () => {
    const root = Ed25519KeyIdentity.generate();
    const session = Ed25519KeyIdentity.generate();
    const expired = DelegationIdentity.fromDelegation(
      session,
      await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() - 1000)),
    );
    const raw = await post(
      url(greeterPath('call')),
      await envelope(expired, whoami(expired as never)),
    );
    expect(raw.status).toBe(400);
    expect(raw.text).toContain('expired');

    const elsewhere = DelegationIdentity.fromDelegation(
      session,
      await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 60_000), {
        targets: [Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai')],
      }),
    );
    const scoped = await post(
      url(greeterPath('call')),
      await envelope(elsewhere, whoami(elsewhere as never)),
    );
    expect(scoped.status).toBe(403);
    expect(scoped.text).toContain('is not among the targets');
  });
});

describe('malformed requests never crash the server', () => {
  it('answers 400 to bytes that are not CBOR, and to wrong shapes', async () => {
    const garbage = await post(url(greeterPath('call')), Uint8Array.of(0xff, 0x00, 0x13));
    expect(garbage.status).toBe(400);
    expect(garbage.text).toContain('LOCALNET_HTTP_MALFORMED');
    const noContent = await post(url(greeterPath('query', 'v2')), new Uint8Array([0xa0]));
    expect(noContent.status).toBe(400);
    expect(noContent.text).toContain('content must be a CBOR map');
    const anonymous = new AnonymousIdentity();
    const wrongType = await post(
      url(greeterPath('query', 'v2')),
      await envelope(anonymous, whoami(anonymous)),
    );
    expect(wrongType.text).toContain('content.request_type must be "query"');
    expect((await fetch(url('/api/v2/status'))).status).toBe(200);
  });

  it('answers 404 "not supported" only for unknown endpoints', async () => {
    const unknown = await post(
      url(`/api/v9/canister/${net.greeter.id.toText()}/call`),
      new Uint8Array(),
    );
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('endpoint not supported');
  });

  it('refuses a call whose URL names another canister (400)', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const raw = await post(
      url('/api/v3/canister/ryjl3-tyaaa-aaaaa-aaaba-cai/call'),
      await envelope(identity, whoami(identity)),
    );
    expect(raw.status).toBe(400);
    expect(raw.text).toContain('does not match effective canister id');
  });

  it('rejects (200, non-replicated) a call to a canister that does not exist', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const missing = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
    const content = whoami(identity, { canisterId: missing });
    const raw = await post(
      url(`/api/v3/canister/${missing.toText()}/call`),
      await envelope(identity, content),
    );
    expect(raw.status).toBe(200);
    expect(raw.cbor).toMatchObject({
      status: 'non_replicated_rejection',
      reject_code: 3,
      error_code: 'IC0301',
    });
  });

  it('answers CORS preflights for application/cbor', async () => {
    const response = await fetch(url(greeterPath('call')), {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toBe('content-type');
    const privateNetwork = await fetch(url('/api/v2/status'), {
      method: 'OPTIONS',
      headers: {
        'access-control-request-private-network': 'true',
        'access-control-request-method': 'GET',
      },
    });
    expect(privateNetwork.headers.get('access-control-allow-private-network')).toBe('true');
    expect(privateNetwork.headers.get('access-control-allow-headers')).toBe(
      'Content-Type, Authorization',
    );
  });
});

describe('ingress semantics', () => {
  it('turns a backend that throws into a certified reject 5, and keeps serving', async () => {
    net.greeter.methods.set('crash', {
      kind: 'update',
      run: () => {
        throw new Error('engine bug');
      },
    });
    const identity = Ed25519KeyIdentity.generate();
    const content = callContent({
      sender: identity.getPrincipal(),
      canisterId: net.greeter.id,
      methodName: 'crash',
      arg: IDL.encode([], []),
    });
    const raw = await post(url(greeterPath('call')), await envelope(identity, content));
    expect(raw.status).toBe(200);
    const certificate = decodeCbor(raw.cbor!.certificate as Uint8Array) as { tree: unknown };
    const texts = JSON.stringify(certificate.tree, (_k, v) =>
      v instanceof Uint8Array ? new TextDecoder().decode(v) : v,
    );
    expect(texts).toContain('localnet backend failed: engine bug');
    expect((await fetch(url('/api/v2/status'))).status).toBe(200);
  });

  it('executes a replayed request once and certifies the same outcome', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const body = await envelope(
      identity,
      callContent({
        sender: identity.getPrincipal(),
        canisterId: net.greeter.id,
        methodName: 'increment',
        arg: IDL.encode([], []),
      }),
    );
    const before = net.greeter.count();
    const first = await post(url(greeterPath('call')), body);
    const second = await post(url(greeterPath('call')), body);
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(net.greeter.count()).toBe(before + 1n);
    const again = await envelope(
      identity,
      callContent({
        sender: identity.getPrincipal(),
        canisterId: net.greeter.id,
        methodName: 'increment',
        arg: IDL.encode([], []),
      }),
    );
    const inspect = net.backend.inspectMessage.bind(net.backend);
    net.backend.inspectMessage = async (call) => {
      await new Promise((resolve) => setTimeout(resolve, 50)); // both copies pass the first replay check
      return inspect(call);
    };
    const together = await Promise.all([
      post(url(greeterPath('call')), again),
      post(url(greeterPath('call')), again),
    ]).finally(() => (net.backend.inspectMessage = inspect));
    expect(together.map((r) => r.status)).toEqual([200, 200]);
    expect(net.greeter.count()).toBe(before + 2n);
  });

  it('rejects what inspect_message refuses', async () => {
    net.greeter.inspect = (method) => method !== 'increment';
    try {
      const actor = await net.greeterActor(Ed25519KeyIdentity.generate());
      await expect(actor.increment()).rejects.toThrow(/IC0406/);
      expect(typeof (await actor.whoami()).toText()).toBe('string');
    } finally {
      net.greeter.inspect = undefined;
    }
  });

  it('lets only the sender read a request status', async () => {
    const sender = Ed25519KeyIdentity.generate();
    const content = whoami(sender);
    await post(url(greeterPath('call')), await envelope(sender, content));
    const path = [utf8ToBytes('request_status'), requestIdOf(content as never)];
    const own = await post(
      url(greeterPath('read_state', 'v2')),
      await envelope(sender, readStateContent(sender.getPrincipal(), [path])),
    );
    expect(own.status).toBe(200);
    const other = Ed25519KeyIdentity.generate();
    const foreign = await post(
      url(greeterPath('read_state', 'v2')),
      await envelope(other, readStateContent(other.getPrincipal(), [path])),
    );
    expect(foreign.status).toBe(403);
  });

  it('refuses certified_data and private metadata to non-controllers by read_state', async () => {
    const id = net.greeter.id.toUint8Array();
    const stranger = Ed25519KeyIdentity.generate();
    const read = async (identity: Ed25519KeyIdentity, path: Uint8Array[]) =>
      post(
        url(greeterPath('read_state', 'v2')),
        await envelope(identity, readStateContent(identity.getPrincipal(), [path])),
      );
    expect(
      (await read(stranger, [utf8ToBytes('canister'), id, utf8ToBytes('certified_data')])).status,
    ).toBe(403);
    const secret = [utf8ToBytes('canister'), id, utf8ToBytes('metadata'), utf8ToBytes('secret')];
    expect((await read(stranger, secret)).status).toBe(403);
    const allowed = await read(owner, secret);
    expect(allowed.status).toBe(200);
    const certificate = decodeCbor(allowed.cbor!.certificate as Uint8Array) as { tree: unknown };
    expect(
      JSON.stringify(certificate.tree, (_k, v) =>
        v instanceof Uint8Array ? new TextDecoder().decode(v) : v,
      ),
    ).toContain('only for controllers');
  });
});

describe('subnet read_state', () => {
  it('certifies the subnet key and refuses canister paths and unknown subnets', async () => {
    const anonymous = new AnonymousIdentity();
    const subnetId = Principal.selfAuthenticating(net.server.rootKeyDer);
    const read = async (subnet: Principal, path: Uint8Array[]) =>
      post(
        url(`/api/v3/subnet/${subnet.toText()}/read_state`),
        await envelope(anonymous, readStateContent(anonymous.getPrincipal(), [path])),
      );
    const ok = await read(subnetId, [
      utf8ToBytes('subnet'),
      subnetId.toUint8Array(),
      utf8ToBytes('public_key'),
    ]);
    expect(ok.status).toBe(200);
    const certificate = await Certificate.create({
      certificate: ok.cbor!.certificate as Uint8Array,
      rootKey: net.server.rootKeyDer,
      canisterId: net.greeter.id,
    });
    const key = certificate.lookup_path(['subnet', subnetId.toUint8Array(), 'public_key']);
    expect(key.status).toBe('Found');
    expect(
      (
        await read(subnetId, [
          utf8ToBytes('canister'),
          net.greeter.id.toUint8Array(),
          utf8ToBytes('controllers'),
        ])
      ).status,
    ).toBe(403);
    expect((await read(net.greeter.id, [utf8ToBytes('time')])).status).toBe(400);
  });
});

describe('management canister ingress rules', () => {
  const mgmt = Principal.managementCanister();
  const canisterArg = (id: Principal) =>
    IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: id }]);

  it('refuses canister-only methods such as raw_rand', async () => {
    const content = callContent({
      sender: owner.getPrincipal(),
      canisterId: mgmt,
      methodName: 'raw_rand',
      arg: IDL.encode([], []),
    });
    const raw = await post(url(greeterPath('call')), await envelope(owner, content));
    expect(raw.cbor).toMatchObject({ status: 'non_replicated_rejection', reject_code: 4 });
  });

  it('requires the URL to name the canister_id of the argument', async () => {
    const other = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
    const content = callContent({
      sender: owner.getPrincipal(),
      canisterId: mgmt,
      methodName: 'canister_status',
      arg: canisterArg(other),
    });
    const raw = await post(url(greeterPath('call')), await envelope(owner, content));
    expect(raw.status).toBe(400);
    expect(raw.text).toContain('does not match effective canister id');
  });

  it('refuses non-controllers before execution and passes controllers to the backend', async () => {
    const stranger = Ed25519KeyIdentity.generate();
    const strangerCall = callContent({
      sender: stranger.getPrincipal(),
      canisterId: mgmt,
      methodName: 'canister_status',
      arg: canisterArg(net.greeter.id),
    });
    const refused = await post(url(greeterPath('call')), await envelope(stranger, strangerCall));
    expect(refused.cbor).toMatchObject({
      status: 'non_replicated_rejection',
      reject_code: 5,
      error_code: 'IC0512',
    });

    const logged = net.backend.ingressLog.length;
    const ownerCall = callContent({
      sender: owner.getPrincipal(),
      canisterId: mgmt,
      methodName: 'canister_status',
      arg: canisterArg(net.greeter.id),
    });
    const passed = await post(url(greeterPath('call')), await envelope(owner, ownerCall));
    expect(passed.status).toBe(200);
    expect(passed.cbor?.certificate).toBeInstanceOf(Uint8Array);
    expect(net.backend.ingressLog.length).toBe(logged + 1);
    expect(net.backend.ingressLog.at(-1)?.methodName).toBe('canister_status');
  });
});
