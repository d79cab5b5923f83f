/** Reject codes of the IC interface specification ("Reject codes"). */
export const RejectCode = {
  SysFatal: 1,
  SysTransient: 2,
  DestinationInvalid: 3,
  CanisterReject: 4,
  CanisterError: 5,
  SysUnknown: 6,
} as const;
export type RejectCode = (typeof RejectCode)[keyof typeof RejectCode];

/** Replica error codes (`IC` + 4 digits); the first digit equals the reject code. */
export const ErrorCode = {
  CanisterOutOfCycles: 'IC0207',
  CanisterNotFound: 'IC0301',
  CanisterSnapshotNotFound: 'IC0305',
  CanisterRejectedMessage: 'IC0406',
  UnknownManagementMessage: 'IC0407',
  InvalidManagementPayload: 'IC0408',
  CanisterRejected: 'IC0406',
  CanisterTrapped: 'IC0502',
  CanisterCalledTrap: 'IC0503',
  CanisterContractViolation: 'IC0504',
  CanisterInvalidWasm: 'IC0505',
  CanisterDidNotReply: 'IC0506',
  CanisterOutOfMemory: 'IC0507',
  CanisterStopped: 'IC0508',
  CanisterStopping: 'IC0509',
  CanisterNotStopped: 'IC0510',
  CanisterStoppingCancelled: 'IC0511',
  CanisterInvalidController: 'IC0512',
  CanisterNonEmpty: 'IC0514',
  CanisterInstructionLimitExceeded: 'IC0522',
  CompositeQueryCalledInReplicatedMode: 'IC0527',
  CanisterMethodNotFound: 'IC0536',
  CanisterWasmModuleNotFound: 'IC0537',
  DeadlineExpired: 'IC0601',
} as const;

/** How a call ended: the reply payload, or a reject as the IC reports it. */
export type CallOutcome =
  | { kind: 'replied'; reply: Uint8Array }
  | { kind: 'rejected'; rejectCode: RejectCode; rejectMessage: string; errorCode?: string };

export function reject(
  rejectCode: RejectCode,
  errorCode: string,
  rejectMessage: string,
): CallOutcome {
  return { kind: 'rejected', rejectCode, errorCode, rejectMessage };
}

/** Thrown from host functions to stop the running Wasm; the engine turns it into a reject. */
export class Trap extends Error {
  constructor(
    message: string,
    readonly errorCode: string = ErrorCode.CanisterTrapped,
  ) {
    super(message);
    this.name = 'Trap';
  }
}

/** A reject raised from engine code (management canister, routing) rather than from Wasm. */
export class RejectError extends Error {
  constructor(
    readonly rejectCode: RejectCode,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
    this.name = 'RejectError';
  }

  toOutcome(): CallOutcome {
    return reject(this.rejectCode, this.errorCode, this.message);
  }
}

/** Error thrown by the test API when a call is rejected, carrying the reject as data. */
export class CallRejectedError extends Error {
  constructor(
    readonly rejectCode: RejectCode,
    readonly rejectMessage: string,
    readonly errorCode: string | undefined,
    readonly method: string,
  ) {
    super(
      `Call to ${method} was rejected (code ${rejectCode}${errorCode ? `, ${errorCode}` : ''}): ${rejectMessage}`,
    );
    this.name = 'CallRejectedError';
  }
}
