import type { Principal } from '@dfinity/principal';

import type { CallMessage, CallRequest, Engine } from './engine.ts';
import type { CallOutcome } from './errors.ts';

/**
 * A canister the network provides, implemented in TypeScript at a fixed id (as the IC's system
 * canisters are real canisters at fixed ids). The engine routes calls to it instead of running
 * Wasm: updates through the message queue, queries directly.
 */
export interface SystemCanister {
  readonly id: Principal;
  /** Called once by the engine that serves it. */
  attach(engine: Engine): void;
  /** An update call (ingress or from a canister); answers through `message.respond`. */
  update(message: CallMessage): Promise<void> | void;
  /** A query call; its effects, if any, must not persist. */
  query(request: CallRequest): CallOutcome;
  /** Its state for a checkpoint (a durable network saves it with the canisters). */
  saveState?(): Uint8Array;
  /** Restores what `saveState` returned, before the write-ahead log is replayed. */
  loadState?(state: Uint8Array): void;
}
