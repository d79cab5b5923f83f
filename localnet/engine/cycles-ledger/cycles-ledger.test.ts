import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { CyclesPrice } from '../cycles-policy.ts';
import { Engine } from '../engine.ts';
import { MANAGEMENT_METHODS } from '../management/management-idl.ts';
import { CYCLES_LEDGER_FEE, CYCLES_LEDGER_ID } from './cycles-ledger.ts';
import { CYCLES_LEDGER_METHODS } from './cycles-ledger-idl.ts';
import { cyclesLedgerOf, mainnetLikeEngineOptions } from './mainnet-like.ts';

const alice = Principal.fromUint8Array(new Uint8Array([7, 1]));
const T = 1_000_000_000_000n;

function network() {
  const engine = new Engine(mainnetLikeEngineOptions());
  return { engine, ledger: cyclesLedgerOf(engine)! };
}

async function callLedger(engine: Engine, method: string, value?: unknown, sender = alice) {
  const { args, rets } = CYCLES_LEDGER_METHODS[method]!;
  const arg = new Uint8Array(IDL.encode(args, value === undefined ? [] : [value]));
  const request = { sender, canisterId: CYCLES_LEDGER_ID, method, arg };
  const outcome =
    args.length > 0 && method.startsWith('icrc1_')
      ? await engine.query(request)
      : await engine.update(request);
  if (outcome.kind === 'rejected') throw new Error(outcome.rejectMessage);
  return IDL.decode(rets, outcome.reply)[0] as never;
}

const account = (owner: Principal) => ({ owner, subaccount: [] });

describe('mainnet-like localnet', () => {
  it('refuses provisional_create_canister_with_cycles as the IC does', async () => {
    const { engine } = network();
    const method = 'provisional_create_canister_with_cycles';
    const arg = IDL.encode(MANAGEMENT_METHODS[method]!.args, [
      { amount: [], settings: [], specified_id: [], sender_canister_version: [] },
    ]);
    const outcome = await engine.update({
      sender: alice,
      canisterId: Principal.managementCanister(),
      method,
      arg: new Uint8Array(arg),
    });
    expect(outcome).toMatchObject({ kind: 'rejected', rejectCode: 4 });
    expect(engine.canisters.size).toBe(0);
    expect(new Engine().provisional).toBe(true);
  });

  it('creates a canister paid from the caller balance, controlled by the caller', async () => {
    const { engine, ledger } = network();
    ledger.mint(alice, 5n * T);
    expect(await callLedger(engine, 'icrc1_balance_of', account(alice))).toBe(5n * T);
    const created: { Ok: { canister_id: Principal } } = await callLedger(
      engine,
      'create_canister',
      {
        from_subaccount: [],
        created_at_time: [],
        amount: 2n * T,
        creation_args: [],
      },
    );
    const canister = engine.getCanister(created.Ok.canister_id)!;
    expect(canister.controllers.map((p) => p.toText())).toEqual([alice.toText()]);
    expect(canister.cycles).toBe(2n * T - CyclesPrice.createCanister);
    expect(ledger.balanceOf(alice)).toBe(3n * T - CYCLES_LEDGER_FEE);
  });

  it('tops a canister up with withdraw, and refuses what the balance cannot pay', async () => {
    const { engine, ledger } = network();
    ledger.mint(alice, 3n * T);
    const target = engine.createCanisterRecord([alice], 0n);
    const withdraw = (amount: bigint, to = target.id) =>
      callLedger(engine, 'withdraw', { amount, from_subaccount: [], to, created_at_time: [] });
    expect(await withdraw(T)).toHaveProperty('Ok');
    expect(target.cycles).toBe(T);
    expect(ledger.balanceOf(alice)).toBe(2n * T - CYCLES_LEDGER_FEE);
    expect(await withdraw(2n * T)).toEqual({
      Err: { InsufficientFunds: { balance: 2n * T - CYCLES_LEDGER_FEE } },
    });
    const nowhere = Principal.fromUint8Array(new Uint8Array([1, 2, 3]));
    expect(await withdraw(1n, nowhere)).toEqual({
      Err: { InvalidReceiver: { receiver: nowhere } },
    });
    expect(target.cycles).toBe(T);
  });

  it('has no method that mints: only the TypeScript API gives cycles', async () => {
    const { engine } = network();
    const outcome = await engine.update({
      sender: alice,
      canisterId: CYCLES_LEDGER_ID,
      method: 'mint',
      arg: new Uint8Array(IDL.encode([], [])),
    });
    expect(outcome).toMatchObject({ kind: 'rejected', errorCode: 'IC0536' });
  });
});
