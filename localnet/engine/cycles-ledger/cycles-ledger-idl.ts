import { IDL } from '@dfinity/candid';

/**
 * The cycles ledger methods localnet serves, typed as in dfinity/cycles-ledger's
 * cycles-ledger.did (the rest of its interface is refused as an unknown method).
 */
const Account = IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)) });
const RejectionCode = IDL.Variant({
  NoError: IDL.Null,
  CanisterError: IDL.Null,
  SysTransient: IDL.Null,
  DestinationInvalid: IDL.Null,
  Unknown: IDL.Null,
  SysFatal: IDL.Null,
  CanisterReject: IDL.Null,
});
const GenericError = IDL.Record({ message: IDL.Text, error_code: IDL.Nat });
const CanisterSettings = IDL.Record({
  controllers: IDL.Opt(IDL.Vec(IDL.Principal)),
  compute_allocation: IDL.Opt(IDL.Nat),
  memory_allocation: IDL.Opt(IDL.Nat),
  freezing_threshold: IDL.Opt(IDL.Nat),
  reserved_cycles_limit: IDL.Opt(IDL.Nat),
});
const SubnetSelection = IDL.Variant({
  Subnet: IDL.Record({ subnet: IDL.Principal }),
  Filter: IDL.Record({ subnet_type: IDL.Opt(IDL.Text) }),
});
const CreateCanisterArgs = IDL.Record({
  from_subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)),
  created_at_time: IDL.Opt(IDL.Nat64),
  amount: IDL.Nat,
  creation_args: IDL.Opt(
    IDL.Record({ settings: IDL.Opt(CanisterSettings), subnet_selection: IDL.Opt(SubnetSelection) }),
  ),
});
const CreateCanisterError = IDL.Variant({
  InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
  TooOld: IDL.Null,
  CreatedInFuture: IDL.Record({ ledger_time: IDL.Nat64 }),
  TemporarilyUnavailable: IDL.Null,
  Duplicate: IDL.Record({ duplicate_of: IDL.Nat, canister_id: IDL.Opt(IDL.Principal) }),
  FailedToCreate: IDL.Record({
    fee_block: IDL.Opt(IDL.Nat),
    refund_block: IDL.Opt(IDL.Nat),
    error: IDL.Text,
  }),
  GenericError,
});
const WithdrawArgs = IDL.Record({
  amount: IDL.Nat,
  from_subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)),
  to: IDL.Principal,
  created_at_time: IDL.Opt(IDL.Nat64),
});
const WithdrawError = IDL.Variant({
  GenericError,
  TemporarilyUnavailable: IDL.Null,
  FailedToWithdraw: IDL.Record({
    fee_block: IDL.Opt(IDL.Nat),
    rejection_code: RejectionCode,
    rejection_reason: IDL.Text,
  }),
  Duplicate: IDL.Record({ duplicate_of: IDL.Nat }),
  BadFee: IDL.Record({ expected_fee: IDL.Nat }),
  InvalidReceiver: IDL.Record({ receiver: IDL.Principal }),
  CreatedInFuture: IDL.Record({ ledger_time: IDL.Nat64 }),
  TooOld: IDL.Null,
  InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
});
const DepositArgs = IDL.Record({ to: Account, memo: IDL.Opt(IDL.Vec(IDL.Nat8)) });
const DepositResult = IDL.Record({ balance: IDL.Nat, block_index: IDL.Nat });

export const CYCLES_LEDGER_METHODS: Record<
  string,
  { args: IDL.Type[]; rets: IDL.Type[]; query?: true }
> = {
  icrc1_balance_of: { args: [Account], rets: [IDL.Nat], query: true },
  icrc1_fee: { args: [], rets: [IDL.Nat], query: true },
  icrc1_decimals: { args: [], rets: [IDL.Nat8], query: true },
  icrc1_symbol: { args: [], rets: [IDL.Text], query: true },
  deposit: { args: [DepositArgs], rets: [DepositResult] },
  withdraw: {
    args: [WithdrawArgs],
    rets: [IDL.Variant({ Ok: IDL.Nat, Err: WithdrawError })],
  },
  create_canister: {
    args: [CreateCanisterArgs],
    rets: [
      IDL.Variant({
        Ok: IDL.Record({ block_id: IDL.Nat, canister_id: IDL.Principal }),
        Err: CreateCanisterError,
      }),
    ],
  },
};

/** The same methods as an interface factory, for clients (deploy, topup, tests). */
export const cyclesLedgerIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service(
    Object.fromEntries(
      Object.entries(CYCLES_LEDGER_METHODS).map(([name, { args, rets, query }]) => [
        name,
        I.Func(args as [], rets as [], query ? ['query'] : []),
      ]),
    ),
  );
