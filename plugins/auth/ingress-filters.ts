import type { Principal } from '@dfinity/principal';

import { type MethodMetadata, token } from '../../core/index.ts';

/** What an ingress filter learns about an update message before it runs. */
export interface Ingress {
  method: string;
  caller: Principal;
  /** What the method declared (`@allow`, `@limits`…); undefined for methods core does not know. */
  metadata: MethodMetadata | undefined;
}

/** Returns false to drop the message in inspect_message. Synchronous, read-only, cheap. */
export type IngressFilter = (ingress: Ingress) => boolean;

/**
 * Extra early filters other plugins add to auth's inspect_message (Azle allows
 * one per canister, and auth owns it). Register from `onInit` and `onPostUpgrade`
 * so the plugin order does not matter: both run after every setup.
 */
export class IngressFilters {
  private readonly filters = new Map<string, IngressFilter>();

  /** Adds or replaces the filter registered under `name` (a plugin name). */
  add(name: string, filter: IngressFilter): void {
    this.filters.set(name, filter);
  }

  admits(ingress: Ingress): boolean {
    for (const filter of this.filters.values()) if (!filter(ingress)) return false;
    return true;
  }
}

export const INGRESS_FILTERS = token<IngressFilters>('auth/ingress-filters');
