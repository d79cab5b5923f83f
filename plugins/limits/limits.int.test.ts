import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { buildFixture } from '../../test/registry/build-fixture.ts';
import { type LimitedService, limitedIdlFactory } from './fixtures/limited-idl.ts';

const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(51));
const alice = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(52));
const bob = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(53));

let network: LocalNetwork;
let limited: Actor<LimitedService>;
let canisterId: Principal;

function errCode(reply: { Ok: unknown } | { Err: { code: string } }): string | undefined {
  return 'Err' in reply ? reply.Err.code : undefined;
}

beforeAll(async () => {
  const wasm = await buildFixture({
    name: 'limits_fixture',
    yaml: 'plugins/limits/fixtures/canister.yaml',
    sources: ['plugins/limits', 'plugins/auth'],
  });
  network = await LocalNetwork.create();
  const setup = await network.setupCanister<LimitedService>({
    idlFactory: limitedIdlFactory,
    wasm,
    arg: new Uint8Array(IDL.encode([], [])),
    sender: controller.getPrincipal(),
  });
  limited = setup.actor;
  canisterId = setup.canisterId;
});

afterAll(async () => {
  await network?.tearDown();
});

describe('the limits plugin on localnet', () => {
  it('refuses an oversized argument and an over-long text with typed errors', async () => {
    limited.setIdentity(alice);
    expect(await limited.echo('x'.repeat(100))).toEqual({ Ok: 'x'.repeat(100) });
    expect(errCode(await limited.echo('x'.repeat(101)))).toBe('LIMITS_TEXT_TOO_LONG');
    expect(errCode(await limited.echo('x'.repeat(300)))).toBe('LIMITS_ARG_TOO_LARGE');
  });

  it('drops oversized ingress in inspect_message, before Azle decodes it', async () => {
    const inspect = (text: string) =>
      network.engine.inspectMessage({
        sender: alice.getPrincipal(),
        canisterId,
        method: 'echo',
        arg: new Uint8Array(IDL.encode([IDL.Text], [text])),
      });
    expect(await inspect('x'.repeat(200))).toBeUndefined();
    expect((await inspect('x'.repeat(300)))?.kind).toBe('rejected');
  });

  it('rate limits one caller while another is unaffected, and refills with time', async () => {
    limited.setIdentity(alice);
    for (let i = 0; i < 3; i++) expect(await limited.bump()).toEqual({ Ok: 'bumped' });
    const refused = await limited.bump();
    expect(errCode(refused)).toBe('LIMITS_RATE_LIMITED');
    expect('Err' in refused && refused.Err.message).toMatch(/retry in 10s/);
    limited.setIdentity(bob);
    expect(await limited.bump()).toEqual({ Ok: 'bumped' });
    await network.advanceTime(10_000);
    limited.setIdentity(alice);
    expect(await limited.bump()).toEqual({ Ok: 'bumped' });
    expect(errCode(await limited.bump())).toBe('LIMITS_RATE_LIMITED');
  });
});
