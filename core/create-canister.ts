import { init, postUpgrade, preUpgrade } from 'azle';

import { type CanisterDefinition, composeCanister } from './compose-canister.ts';
import { isCanisterError } from './errors/canister-error.ts';
import type { EndpointClass } from './plugin.ts';
import { createAzlePlatform } from './platform/azle-platform.ts';

/**
 * The generated entry's default export: the endpoint classes of every plugin
 * and of the domain, plus a lifecycle class whose @init / @postUpgrade /
 * @preUpgrade dispatch to the plugins' hooks.
 */
export function createCanister(definition: CanisterDefinition): EndpointClass[] {
  let composed: ReturnType<typeof composeCanister>;
  try {
    composed = composeCanister(definition, createAzlePlatform());
  } catch (error) {
    // Azle prints the message while extracting Candid; make the code visible there.
    if (isCanisterError(error)) throw new Error(`${error.code}: ${error.message}`);
    throw error;
  }

  class CanisterLifecycle {
    @init([])
    initCanister(): void {
      composed.init();
    }

    @postUpgrade([])
    postUpgradeCanister(): void {
      composed.postUpgrade();
    }

    @preUpgrade
    preUpgradeCanister(): void {
      composed.preUpgrade();
    }
  }

  return [...composed.classes, CanisterLifecycle];
}
