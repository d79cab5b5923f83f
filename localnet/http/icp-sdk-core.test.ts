// @icp-sdk/core (5.x) is only a transitive dependency (through @dfinity/pic); this file checks that
// the newer endpoints it uses (v3 query, v4 call, v3 read_state) work with it unmodified.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, HttpAgent } from '@icp-sdk/core/agent';
import { Ed25519KeyIdentity } from '@icp-sdk/core/identity';
import { Secp256k1KeyIdentity } from '@icp-sdk/core/identity/secp256k1';
import { greeterIdl, type GreeterService } from './testing/fake-greeter.ts';
import { startTestNetwork, type TestNetwork } from './testing/test-network.ts';

let net: TestNetwork;
beforeAll(async () => {
  net = await startTestNetwork();
});
afterAll(() => net.close());

async function greeter(identity?: Ed25519KeyIdentity | Secp256k1KeyIdentity) {
  const fetched: string[] = [];
  const agent = await HttpAgent.create({
    host: net.server.url,
    shouldFetchRootKey: true,
    identity,
    fetch: (input, init) => {
      fetched.push(String(input).replace(net.server.url, ''));
      return fetch(input, init);
    },
  });
  // The two packages' IDL classes are structurally the same; the factory is written against @dfinity/candid.
  const actor = Actor.createActor<GreeterService>(greeterIdl as never, {
    agent,
    canisterId: net.greeter.id.toText(),
  });
  return { actor, fetched };
}

describe('@icp-sdk/core 5.x against the localnet HTTP interface', () => {
  it('queries through /api/v3/.../query with node signatures verified', async () => {
    const { actor, fetched } = await greeter();
    expect(await actor.greet('Grace')).toBe('Hello, Grace!');
    expect(fetched).toContain(`/api/v3/canister/${net.greeter.id.toText()}/query`);
  });

  it('updates through /api/v4/.../call with an Ed25519 sender', async () => {
    const identity = Ed25519KeyIdentity.generate();
    const { actor, fetched } = await greeter(identity);
    expect((await actor.whoami()).toText()).toBe(identity.getPrincipal().toText());
    expect(fetched).toContain(`/api/v4/canister/${net.greeter.id.toText()}/call`);
  });

  it('accepts the SDK’s own Secp256k1KeyIdentity', async () => {
    const identity = Secp256k1KeyIdentity.generate();
    const { actor } = await greeter(identity);
    expect((await actor.whoami()).toText()).toBe(identity.getPrincipal().toText());
    expect((await actor.whoami_query()).toText()).toBe(identity.getPrincipal().toText());
  });
});
