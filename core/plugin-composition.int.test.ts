import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { buildWithAzle } from '../cli/build/azle-build.ts';
import {
  fixturesRoot,
  generatedDir,
  repoRoot,
  writeGeneratedFixture,
} from '../cli/build/generate-entry-fixtures.ts';
import { CallRejectedError, LocalNetwork, type Actor } from '../localnet/index.ts';
import {
  type GreeterService,
  greeterIdlFactory,
} from './fixtures/canisters/greeter/greeter-idl.ts';

const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(21));
const user = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(22));

let network: LocalNetwork;
let greeter: Actor<GreeterService>;

beforeAll(async () => {
  await writeGeneratedFixture('greeter');
  const built = await buildWithAzle({
    name: 'greeter',
    root: fixturesRoot,
    sourceDirs: [join(repoRoot, 'core'), generatedDir('greeter')],
  });
  network = await LocalNetwork.create();
  greeter = (
    await network.setupCanister<GreeterService>({
      idlFactory: greeterIdlFactory,
      wasm: built.wasmPath,
      arg: new Uint8Array(IDL.encode([], [])),
      sender: controller.getPrincipal(),
    })
  ).actor;
});

afterAll(async () => {
  await network?.tearDown();
});

describe('a plugin composition on localnet', () => {
  it('serves domain and plugin endpoints behind their access declarations', async () => {
    greeter.setPrincipal(Principal.anonymous());
    expect(await greeter.greet('IC')).toBe('Hello, IC!');
    expect(await greeter.whoami()).toMatchObject({ Err: { code: 'AUTH_ANONYMOUS' } });
    expect(await greeter.add_note('hi')).toMatchObject({ Err: { code: 'AUTH_ANONYMOUS' } });
    greeter.setIdentity(user);
    expect(await greeter.whoami()).toEqual({ Ok: user.getPrincipal().toText() });
    expect(await greeter.add_note('x'.repeat(21))).toMatchObject({
      Err: { code: 'INPUT_TOO_LONG' },
    });
    expect(await greeter.add_note('first')).toEqual({ Ok: 0n });
    expect(await greeter.my_notes()).toEqual(['first']);
    expect(await greeter.note_count()).toBe(1);
  });

  it('replies after an await, with Ok or with the typed error thrown after it', async () => {
    greeter.setIdentity(user);
    const reply = await greeter.later(false);
    expect('Ok' in reply && reply.Ok > 0n).toBe(true);
    expect(await greeter.later(true)).toEqual({
      Err: { code: 'INPUT_INVALID', message: 'asked to fail after an await' },
    });
  });

  it('traps on a bug instead of returning Err', async () => {
    const error = await greeter.crash().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CallRejectedError);
    expect((error as CallRejectedError).rejectMessage).toContain('a bug in the handler');
  });

  it('lets admins (controllers) read the health checks every plugin registered', async () => {
    greeter.setIdentity(user);
    await expect(greeter.health_report()).rejects.toThrow(/AUTH_FORBIDDEN|not open/);
    greeter.setIdentity(controller);
    expect(await greeter.health_report()).toEqual([
      { plugin: 'gate', name: 'gate-open', healthy: true },
    ]);
  });
});
