/** `icp-calendar/localnet`: the local IC network, its engine and its PocketIC-like test API. */
export { LocalNetwork } from './testing/local-network.ts';
export type {
  CanisterOptions,
  CreateCanisterOptions,
  InstallCodeOptions,
  LocalNetworkOptions,
  LogEntry,
  RawCallOptions,
  SetupCanisterOptions,
  SnapshotInfo,
  UpgradeCanisterOptions,
} from './testing/local-network.ts';
export type { Actor, HasPrincipal } from './testing/local-actor.ts';
export { createTestNetwork, type TestNetwork } from './testing/create-test-network.ts';
export { Engine, InstructionLimit, MAX_INGRESS_PAYLOAD } from './engine/engine.ts';
export type {
  CallRequest,
  DataCertificateProvider,
  EngineOptions,
  InstructionLimits,
} from './engine/engine.ts';
export { CallRejectedError, ErrorCode, RejectCode, type CallOutcome } from './engine/errors.ts';
export { NetworkClock } from './engine/network-clock.ts';
export { canisterIdFromIndex, FIRST_CANISTER_INDEX } from './engine/canister-ids.ts';
export { checkpointEngine, restoreEngine } from './engine/persistence/checkpoint.ts';
