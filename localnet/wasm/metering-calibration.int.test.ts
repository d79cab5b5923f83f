import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';

import { buildWithAzle } from '../../cli/build/azle-build.ts';
import { prepareModule } from './prepare-module.ts';
import { TestingHost } from './testing-host.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures', import.meta.url));
/** Azle's published figure for hello-world setMessage on the IC: about 1.1–1.4 M instructions. */
const PUBLISHED_SET_MESSAGE = 1_250_000;
const TOLERANCE = 0.3;

describe('metering calibration against a real Azle canister', () => {
  it('counts set_message within ±30 % of the IC figure and keeps the canister working', async () => {
    const built = await buildWithAzle({
      name: 'hello',
      root: fixtures,
      sourceDirs: [`${fixtures}/canisters/hello`],
    });
    const prepared = await prepareModule(new Uint8Array(await readFile(built.wasmPath)));
    const host = TestingHost.instantiate(prepared);

    const init = host.call('canister_init', new Uint8Array(IDL.encode([], [])));
    expect(init.rejectMessage).toBeUndefined();
    expect(init.instructions).toBeGreaterThan(0n);

    const counts: number[] = [];
    for (const text of ['hi', 'hello', 'hi']) {
      const update = host.call(
        'canister_update set_message',
        new Uint8Array(IDL.encode([IDL.Text], [text])),
      );
      expect(update.rejectMessage).toBeUndefined();
      expect(update.reply).toEqual(new Uint8Array(IDL.encode([], [])));
      counts.push(Number(update.instructions));
    }
    const steady = counts[counts.length - 1]!;
    console.log(`set_message metered: ${counts.join(', ')} instructions`);
    expect(steady).toBeGreaterThan(PUBLISHED_SET_MESSAGE * (1 - TOLERANCE));
    expect(steady).toBeLessThan(PUBLISHED_SET_MESSAGE * (1 + TOLERANCE));

    const query = host.call('canister_query get_message', new Uint8Array(IDL.encode([], [])));
    expect(IDL.decode([IDL.Text], query.reply!)).toEqual(['hi']);
  });

  it('traps an update that runs past its limit through the limit import', async () => {
    const built = await buildWithAzle({
      name: 'hello',
      root: fixtures,
      sourceDirs: [`${fixtures}/canisters/hello`],
    });
    const host = TestingHost.instantiate(
      await prepareModule(new Uint8Array(await readFile(built.wasmPath))),
    );
    host.call('canister_init', new Uint8Array(IDL.encode([], [])));
    const update = host.call(
      'canister_update set_message',
      new Uint8Array(IDL.encode([IDL.Text], ['x'])),
      10_000n,
    );
    expect(update.rejectMessage).toBe('instruction limit exceeded');
    expect(host.limitExceededCalls).toBe(1);
  });
});
