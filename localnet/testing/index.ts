/** `icp-calendar/localnet/testing`: what a project's integration tests need to run canisters. */
export { LocalNetwork } from './local-network.ts';
export type {
  LocalNetworkOptions,
  SetupCanisterOptions,
  UpgradeCanisterOptions,
} from './local-network.ts';
export type { Actor, HasPrincipal } from './local-actor.ts';
export { createTestNetwork, type TestNetwork } from './create-test-network.ts';
export { CallRejectedError } from '../engine/errors.ts';
