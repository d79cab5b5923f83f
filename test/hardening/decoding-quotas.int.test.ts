import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { LocalNetwork } from '../../localnet/index.ts';
import { deepOpt, vecNullClaim } from '../../core/testing/candid-bombs.ts';
import { controller, type DeployedType, deploySystem, hex, measure } from './system-net.ts';

// The repro arguments, on the real Wasm of every type, called past inspect_message
// (as a canister or a node that skipped it would): each must be refused within 1 B instructions.
const ONE_BILLION = 1_000_000_000n;
const HTTP_UPDATE_BOMB = hex(
  '4449444c056d7b6c02007101716d016c04efd6e40271e1edeb4a71a2f5ed880400c6a4a19806026d7f020304022f780347455400008080808008',
);
const ABORT_BOMB = hex('4449444c016d7f01008080808008');
const stranger = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(92));
const anonymous = Principal.anonymous();

let network: LocalNetwork;
let types: DeployedType[];
const byName = (name: string) => types.find((t) => t.name === name)!;

const ResultErr = IDL.Variant({
  Ok: IDL.Reserved,
  Err: IDL.Record({ code: IDL.Text, message: IDL.Text }),
});
function errCode(reply: Uint8Array | undefined): string | undefined {
  const [value] = IDL.decode([ResultErr], reply!) as [{ Err?: { code: string } }];
  return value.Err?.code;
}

/** A normal update's cost on the same canister: a feed poll for a calendar that does not exist. */
async function normalUpdateCycles(canisterId: Principal): Promise<bigint> {
  const Request = IDL.Record({
    method: IDL.Text,
    url: IDL.Text,
    headers: IDL.Vec(IDL.Tuple(IDL.Text, IDL.Text)),
    body: IDL.Vec(IDL.Nat8),
  });
  const arg = new Uint8Array(
    IDL.encode([Request], [{ method: 'GET', url: '/calendars/none.ics', headers: [], body: [] }]),
  );
  const normal = await measure(
    network,
    { sender: anonymous, canisterId, method: 'http_request_update', arg },
    'update',
  );
  expect(normal.replied).toBe(true);
  return normal.cycles;
}

beforeAll(async () => {
  ({ network, types } = await deploySystem());
}, 900_000);

afterAll(async () => {
  await network?.tearDown();
});

describe('decoding quotas on the real Wasm', () => {
  it("refuses the 58-byte anonymous http_request_update within 1 B instructions and a normal call's cycles", async () => {
    const calendar = byName('calendar').canisterId;
    const normal = await normalUpdateCycles(calendar);
    const bomb = await measure(
      network,
      {
        sender: anonymous,
        canisterId: calendar,
        method: 'http_request_update',
        arg: HTTP_UPDATE_BOMB,
      },
      'update',
    );
    console.log(
      `http_request_update bomb: ${bomb.instructions} instructions, ${bomb.cycles} cycles (normal call ${normal})`,
    );
    expect(bomb.replied).toBe(false);
    expect(bomb.rejectMessage).toMatch(/CORE_ARG_(TOO_COSTLY|INVALID)/);
    expect(bomb.instructions).toBeLessThanOrEqual(ONE_BILLION);
    expect(bomb.cycles).toBeLessThanOrEqual(normal);
  });

  it('refuses the 14-byte backup_import_abort on every type that has it, before decoding for strangers', async () => {
    const withImport = types.filter(({ service }) =>
      service._fields.some(([method]) => method === 'backup_import_abort'),
    );
    expect(withImport.length).toBeGreaterThanOrEqual(3);
    for (const { name, canisterId } of withImport) {
      for (const sender of [stranger.getPrincipal(), controller.getPrincipal()]) {
        const result = await measure(
          network,
          { sender, canisterId, method: 'backup_import_abort', arg: ABORT_BOMB },
          'update',
        );
        console.log(
          `${name} backup_import_abort bomb: ${result.instructions} instructions, ${result.cycles} cycles`,
        );
        expect(result.replied).toBe(true);
        const expected = sender === controller.getPrincipal() ? /CORE_ARG/ : /BACKUP_FORBIDDEN/;
        expect(errCode(result.reply)).toMatch(expected);
        expect(result.instructions).toBeLessThanOrEqual(ONE_BILLION);
      }
    }
  });

  it('refuses a 5,000-deep opt and an extra vec null argument on an anonymous query', async () => {
    const calendar = byName('calendar').canisterId;
    const deep = await measure(
      network,
      { sender: anonymous, canisterId: calendar, method: 'get_user_registry', arg: deepOpt(5000) },
      'query',
    );
    const extra = await measure(
      network,
      { sender: anonymous, canisterId: calendar, method: 'get_user_registry', arg: vecNullClaim() },
      'query',
    );
    console.log(
      `get_user_registry: deep opt ${deep.instructions}, vec null ${extra.instructions} instructions`,
    );
    for (const refused of [deep, extra]) {
      expect(refused.replied).toBe(false);
      expect(refused.rejectMessage).toMatch(/CORE_ARG_/);
      expect(refused.instructions).toBeLessThanOrEqual(ONE_BILLION);
    }
  });

  it("refuses a non-controller's 1 MB backup_import_begin before reading it", async () => {
    const calendar = byName('calendar').canisterId;
    const arg = new Uint8Array(1_000_000);
    arg.set(new Uint8Array(IDL.encode([IDL.Text], ['x'])).subarray(0, 7));
    const result = await measure(
      network,
      { sender: stranger.getPrincipal(), canisterId: calendar, method: 'backup_import_begin', arg },
      'update',
    );
    console.log(`1 MB backup_import_begin by a stranger: ${result.instructions} instructions`);
    expect(errCode(result.reply)).toBe('BACKUP_FORBIDDEN');
    expect(result.instructions).toBeLessThanOrEqual(100_000_000n);
  });

  it('drops the bombs in inspect_message before execution', async () => {
    const calendar = byName('calendar').canisterId;
    const verdict = await network.engine.inspectMessage({
      sender: anonymous,
      canisterId: calendar,
      method: 'http_request_update',
      arg: HTTP_UPDATE_BOMB,
    });
    expect(verdict?.kind).toBe('rejected');
    const abort = await network.engine.inspectMessage({
      sender: controller.getPrincipal(),
      canisterId: calendar,
      method: 'backup_import_abort',
      arg: ABORT_BOMB,
    });
    expect(abort?.kind).toBe('rejected');
  });
});
