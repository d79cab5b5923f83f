import type { QueryObservations } from './query-cache.ts';
import type { CallOutcome } from './errors.ts';

/** Context letters of the interface spec ("Overview of imports"). */
export type ContextKind =
  'I' | 'G' | 'U' | 'RQ' | 'NRQ' | 'CQ' | 'Ry' | 'Rt' | 'CRy' | 'CRt' | 'C' | 'CC' | 'F' | 'T';

export const CONTEXT_NAMES: Record<ContextKind, string> = {
  I: 'init or post_upgrade',
  G: 'pre_upgrade',
  U: 'update',
  RQ: 'replicated query',
  NRQ: 'non-replicated query',
  CQ: 'composite query',
  Ry: 'reply callback',
  Rt: 'reject callback',
  CRy: 'composite query reply callback',
  CRt: 'composite query reject callback',
  C: 'cleanup callback',
  CC: 'composite query cleanup callback',
  F: 'inspect_message',
  T: 'system task (timer or heartbeat)',
};

export interface Closure {
  fun: number;
  env: number;
}

/** A call being assembled with call_new … call_perform. */
export interface OutgoingCall {
  callee: Uint8Array;
  method: string;
  payload: Uint8Array[];
  payloadSize: number;
  reply: Closure;
  reject: Closure;
  cleanup?: Closure;
  cycles: bigint;
  timeoutSeconds?: number;
}

/** The call being answered; shared by the method and every callback of its awaits. */
export interface CallContext {
  id: number;
  canisterId: string;
  needsToRespond: boolean;
  responded: boolean;
  outstanding: number;
  cyclesAvailable: bigint;
  /** Instructions across every execution of this context (performance_counter(1)). */
  instructions: bigint;
  deleted: boolean;
  respond(outcome: CallOutcome): void;
}

/** Everything one message execution may read or change through ic0. */
export interface Execution {
  kind: ContextKind;
  canisterIdBytes: Uint8Array;
  arg?: Uint8Array;
  caller: Uint8Array;
  methodName: string;
  rejectCode: number;
  rejectMessage: string;
  callContext?: CallContext;
  replyChunks: Uint8Array[];
  replySize: number;
  replyLimit: number;
  response?: CallOutcome;
  pending?: OutgoingCall;
  performed: OutgoingCall[];
  refunded: bigint;
  time: bigint;
  newCertifiedData?: Uint8Array;
  newTimer?: bigint;
  accepted: boolean;
  dataCertificate?: Uint8Array;
  /** In a query: what it read that the query cache must check (see query-cache.ts). */
  observed?: QueryObservations;
}

export function newExecution(
  fields: Partial<Execution> & Pick<Execution, 'kind' | 'canisterIdBytes' | 'caller' | 'time'>,
): Execution {
  return {
    methodName: '',
    rejectCode: 0,
    rejectMessage: '',
    replyChunks: [],
    replySize: 0,
    replyLimit: 2 * 1024 * 1024,
    performed: [],
    refunded: 0n,
    accepted: false,
    ...fields,
  };
}

/**
 * Gives a top-level query its data certificate only when it asks for one (most queries never
 * call `data_certificate_*`, and a certificate can cost a BLS signature).
 */
export function lazyDataCertificate(
  execution: Execution,
  make: () => Uint8Array | undefined,
): void {
  let made: { value: Uint8Array | undefined } | undefined;
  Object.defineProperty(execution, 'dataCertificate', {
    get: () => (made ??= { value: make() }).value,
    enumerable: true,
  });
}

const ALL: ContextKind[] = [
  'I',
  'G',
  'U',
  'RQ',
  'NRQ',
  'CQ',
  'Ry',
  'Rt',
  'CRy',
  'CRt',
  'C',
  'CC',
  'F',
  'T',
];
const RESPOND: ContextKind[] = ['U', 'RQ', 'NRQ', 'CQ', 'Ry', 'Rt', 'CRy', 'CRt'];
const CALL: ContextKind[] = ['U', 'CQ', 'Ry', 'Rt', 'CRy', 'CRt', 'T'];

/** Which contexts may call each ic0 function; a call from any other context traps. */
export const ALLOWED_CONTEXTS: Record<string, readonly ContextKind[]> = {
  stable64_size: ALL,
  stable64_grow: ALL,
  stable64_write: ALL,
  stable64_read: ALL,
  is_controller: ALL,
  canister_version: ALL,
  time: ALL,
  global_timer_set: ['I', 'G', 'U', 'Ry', 'Rt', 'C', 'T'],
  certified_data_set: ['I', 'G', 'U', 'Ry', 'Rt', 'T'],
  msg_method_name_size: ['F'],
  msg_method_name_copy: ['F'],
  data_certificate_present: ALL,
  data_certificate_size: ['NRQ', 'CQ'],
  data_certificate_copy: ['NRQ', 'CQ'],
  msg_cycles_refunded128: ['Rt', 'Ry'],
  cycles_burn128: ['I', 'G', 'U', 'RQ', 'Ry', 'Rt', 'C', 'T'],
  accept_message: ['F'],
  canister_cycle_balance128: ALL,
  msg_reject: RESPOND,
  performance_counter: ALL,
  msg_reject_code: ['Ry', 'Rt', 'CRy', 'CRt'],
  msg_cycles_available128: ['U', 'RQ', 'Rt', 'Ry'],
  debug_print: ALL,
  msg_cycles_accept128: ['U', 'RQ', 'Rt', 'Ry'],
  msg_reply_data_append: RESPOND,
  msg_reply: RESPOND,
  in_replicated_execution: ALL,
  trap: ALL,
  msg_arg_data_size: ['I', 'U', 'RQ', 'NRQ', 'CQ', 'Ry', 'CRy', 'F'],
  msg_arg_data_copy: ['I', 'U', 'RQ', 'NRQ', 'CQ', 'Ry', 'CRy', 'F'],
  msg_caller_size: ALL,
  msg_caller_copy: ALL,
  msg_reject_msg_size: ['Rt', 'CRt'],
  msg_reject_msg_copy: ['Rt', 'CRt'],
  canister_self_size: ALL,
  canister_self_copy: ALL,
  cost_call: ALL,
  canister_liquid_cycle_balance128: ALL,
  call_new: CALL,
  call_on_cleanup: CALL,
  call_data_append: CALL,
  call_cycles_add128: ['U', 'Ry', 'Rt', 'T'],
  call_with_best_effort_response: CALL,
  call_perform: CALL,
};
