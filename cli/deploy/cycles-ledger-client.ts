import { Actor, type ActorSubclass, type HttpAgent } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';

import {
  CYCLES_LEDGER_FEE,
  CYCLES_LEDGER_ID,
} from '../../localnet/engine/cycles-ledger/cycles-ledger.ts';
import { cyclesLedgerIdl } from '../../localnet/engine/cycles-ledger/cycles-ledger-idl.ts';

export { CYCLES_LEDGER_FEE, CYCLES_LEDGER_ID };

type Variant = Record<string, unknown>;
interface CyclesLedgerService {
  icrc1_balance_of(account: { owner: Principal; subaccount: [] }): Promise<bigint>;
  create_canister(args: {
    from_subaccount: [];
    created_at_time: [] | [bigint];
    amount: bigint;
    creation_args:
      | []
      | [{ settings: [] | [{ controllers: [] | [Principal[]] } & Variant]; subnet_selection: [] }];
  }): Promise<{ Ok: { canister_id: Principal; block_id: bigint } } | { Err: Variant }>;
  withdraw(args: {
    amount: bigint;
    from_subaccount: [];
    to: Principal;
    created_at_time: [] | [bigint];
  }): Promise<{ Ok: bigint } | { Err: Variant }>;
}

/** The cycles ledger (um5iw-rqaaa-aaaaq-qaaba-cai) as the deployer's identity calls it. */
export function cyclesLedger(agent: HttpAgent): ActorSubclass<CyclesLedgerService> {
  return Actor.createActor<CyclesLedgerService>(cyclesLedgerIdl, {
    agent,
    canisterId: CYCLES_LEDGER_ID,
  });
}

const describeErr = (err: Variant) =>
  JSON.stringify(err, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value));

/** `now` as the ledger's created_at_time: a retried call is then a duplicate, not a second debit. */
const createdAt = (): [bigint] => [BigInt(Date.now()) * 1_000_000n];

/** Creates a canister paid by the caller's cycles ledger balance, controlled by `controllers`. */
export async function createCanisterWithCycles(
  agent: HttpAgent,
  cycles: bigint,
  controllers: Principal[],
): Promise<Principal> {
  const reply = await cyclesLedger(agent).create_canister({
    from_subaccount: [],
    created_at_time: createdAt(),
    amount: cycles,
    creation_args: [
      {
        settings: [
          {
            controllers: [controllers],
            compute_allocation: [],
            memory_allocation: [],
            freezing_threshold: [],
            reserved_cycles_limit: [],
          },
        ],
        subnet_selection: [],
      },
    ],
  });
  if ('Err' in reply) {
    throw new Error(
      `DEPLOY_CREATE_FAILED: cycles ledger create_canister: ${describeErr(reply.Err)}`,
    );
  }
  return reply.Ok.canister_id;
}

/** Sends `cycles` from the caller's ledger balance to `canister` (the ledger's top-up path). */
export async function topUpCanister(
  agent: HttpAgent,
  canister: Principal,
  cycles: bigint,
): Promise<bigint> {
  const reply = await cyclesLedger(agent).withdraw({
    amount: cycles,
    from_subaccount: [],
    to: canister,
    created_at_time: createdAt(),
  });
  if ('Err' in reply) {
    throw new Error(
      `TOPUP_FAILED: cycles ledger withdraw to ${canister.toText()}: ${describeErr(reply.Err)}`,
    );
  }
  return reply.Ok;
}

export async function ledgerBalance(agent: HttpAgent): Promise<bigint> {
  return cyclesLedger(agent).icrc1_balance_of({
    owner: await agent.getPrincipal(),
    subaccount: [],
  });
}
