import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { CyclesPrice } from '../cycles-policy.ts';
import type { CallMessage, CallRequest, Engine } from '../engine.ts';
import { ErrorCode, reject, RejectCode, type CallOutcome } from '../errors.ts';
import type { SystemCanister } from '../system-canister.ts';
import { CYCLES_LEDGER_METHODS } from './cycles-ledger-idl.ts';

/** The cycles ledger's id on the IC (and on dfx's local network). */
export const CYCLES_LEDGER_ID = Principal.fromText('um5iw-rqaaa-aaaaq-qaaba-cai');
/** The real ledger's fee per transaction (100 M cycles). */
export const CYCLES_LEDGER_FEE = 100_000_000n;

type Args = Record<string, unknown>;
type Reply = unknown[];

/**
 * The cycles ledger as mainnet-like localnet serves it: balances per account, `create_canister`
 * (paid from the caller's balance; the new canister gets the amount less the IC's creation fee),
 * `withdraw` (sends cycles to a canister: the top-up path) and `deposit` (a canister attaches
 * cycles). `mint` is the local-only way to give an account cycles: a TypeScript method, not part
 * of the Candid interface, so no message can reach it. Deduplication by `created_at_time` and
 * the ICRC-2/3 methods are not emulated.
 */
export class CyclesLedger implements SystemCanister {
  readonly id = CYCLES_LEDGER_ID;
  private engine: Engine | undefined;
  private readonly balances = new Map<string, bigint>();
  private nextBlock = 0n;

  attach(engine: Engine): void {
    this.engine = engine;
  }

  /** Local only: credits `amount` cycles to `owner`'s default account. */
  mint(owner: Principal, amount: bigint): bigint {
    this.nextBlock += 1n;
    return this.credit(accountKey(owner, []), amount);
  }

  balanceOf(owner: Principal, subaccount: [] | [Uint8Array] = []): bigint {
    return this.balances.get(accountKey(owner, subaccount)) ?? 0n;
  }

  /** Balances for persistence: account key → cycles as decimal text. */
  saveState(): Uint8Array {
    return new TextEncoder().encode(JSON.stringify(this.toJSON()));
  }

  loadState(state: Uint8Array): void {
    this.restore(JSON.parse(new TextDecoder().decode(state)));
  }

  toJSON(): { balances: Record<string, string>; nextBlock: string } {
    const balances = Object.fromEntries([...this.balances].map(([k, v]) => [k, v.toString()]));
    return { balances, nextBlock: this.nextBlock.toString() };
  }

  restore(saved: { balances: Record<string, string>; nextBlock: string }): void {
    this.balances.clear();
    for (const [key, value] of Object.entries(saved.balances))
      this.balances.set(key, BigInt(value));
    this.nextBlock = BigInt(saved.nextBlock);
  }

  query(request: CallRequest): CallOutcome {
    const signature = CYCLES_LEDGER_METHODS[request.method];
    if (!signature?.query) return methodNotFound(request.method, 'query');
    const args = decode(signature.args, request.arg);
    if (!args) return badPayload(request.method);
    return encode(request.method, this.read(request.method, args));
  }

  update(message: CallMessage): void {
    const signature = CYCLES_LEDGER_METHODS[message.method];
    if (!signature)
      return message.respond(methodNotFound(message.method, 'update'), message.cycles);
    const args = decode(signature.args, message.arg);
    if (!args) return message.respond(badPayload(message.method), message.cycles);
    if (signature.query) {
      return message.respond(
        encode(message.method, this.read(message.method, args)),
        message.cycles,
      );
    }
    if (message.method === 'deposit' && message.cycles < CYCLES_LEDGER_FEE) {
      const problem = `deposit needs at least ${CYCLES_LEDGER_FEE} cycles attached; got ${message.cycles}`;
      return message.respond(
        reject(RejectCode.CanisterError, ErrorCode.CanisterCalledTrap, problem),
        message.cycles,
      );
    }
    const accepted = message.method === 'deposit' ? message.cycles : 0n;
    const reply = this.write(message.method, args, message.caller, message.cycles);
    message.respond(encode(message.method, reply), message.cycles - accepted);
  }

  private read(method: string, args: Args): Reply {
    switch (method) {
      case 'icrc1_balance_of':
        return [this.balanceOf(args.owner as Principal, args.subaccount as [] | [Uint8Array])];
      case 'icrc1_fee':
        return [CYCLES_LEDGER_FEE];
      case 'icrc1_decimals':
        return [12];
      default:
        return ['TCYCLES'];
    }
  }

  private write(method: string, args: Args, caller: Principal, attached: bigint): Reply {
    const from = accountKey(caller, args.from_subaccount as [] | [Uint8Array]);
    const amount = args.amount as bigint;
    if (method === 'deposit') {
      const to = args.to as { owner: Principal; subaccount: [] | [Uint8Array] };
      const balance = this.credit(
        accountKey(to.owner, to.subaccount),
        attached - CYCLES_LEDGER_FEE,
      );
      return [{ balance, block_index: this.nextBlock++ }];
    }
    const balance = this.balances.get(from) ?? 0n;
    if (balance < amount + CYCLES_LEDGER_FEE) return [{ Err: { InsufficientFunds: { balance } } }];
    const engine = this.engine!;
    if (method === 'withdraw') {
      const target = engine.getCanister(args.to as Principal);
      if (!target) return [{ Err: { InvalidReceiver: { receiver: args.to } } }];
      this.credit(from, -(amount + CYCLES_LEDGER_FEE));
      target.cycles += amount;
      return [{ Ok: this.nextBlock++ }];
    }
    // create_canister
    if (amount < CyclesPrice.createCanister) {
      this.credit(from, -CYCLES_LEDGER_FEE);
      const error = `create_canister needs at least ${CyclesPrice.createCanister} cycles; got ${amount}`;
      return [
        { Err: { FailedToCreate: { fee_block: [this.nextBlock++], refund_block: [], error } } },
      ];
    }
    const creation = (args.creation_args as [Args] | [])[0];
    const settings = (creation?.settings as [Args] | [] | undefined)?.[0];
    const controllers = (settings?.controllers as [Principal[]] | [] | undefined)?.[0] ?? [caller];
    this.credit(from, -(amount + CYCLES_LEDGER_FEE));
    const canister = engine.createCanisterRecord(controllers, amount - CyclesPrice.createCanister);
    return [{ Ok: { block_id: this.nextBlock++, canister_id: canister.id } }];
  }

  private credit(key: string, delta: bigint): bigint {
    const balance = (this.balances.get(key) ?? 0n) + delta;
    this.balances.set(key, balance);
    return balance;
  }
}

function accountKey(owner: Principal, subaccount: [] | [Uint8Array] | undefined): string {
  const sub = subaccount?.[0];
  const nonDefault = sub !== undefined && sub.some((byte) => byte !== 0);
  return nonDefault ? `${owner.toText()}.${Buffer.from(sub).toString('hex')}` : owner.toText();
}

function decode(types: IDL.Type[], arg: Uint8Array): Args | undefined {
  try {
    return (IDL.decode(types, new Uint8Array(arg))[0] ?? {}) as Args;
  } catch {
    return undefined;
  }
}

function encode(method: string, values: Reply): CallOutcome {
  const reply = new Uint8Array(IDL.encode(CYCLES_LEDGER_METHODS[method]!.rets, values));
  return { kind: 'replied', reply };
}

function methodNotFound(method: string, kind: string): CallOutcome {
  return reject(
    RejectCode.CanisterError,
    ErrorCode.CanisterMethodNotFound,
    `Canister ${CYCLES_LEDGER_ID.toText()} has no ${kind} method '${method}' (localnet serves part of the cycles ledger's interface)`,
  );
}

function badPayload(method: string): CallOutcome {
  return reject(
    RejectCode.CanisterError,
    ErrorCode.CanisterCalledTrap,
    `Canister ${CYCLES_LEDGER_ID.toText()} trapped: could not decode the argument of ${method}`,
  );
}
