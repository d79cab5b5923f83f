import type { Container, Token } from '../di/container.ts';
import type { Platform } from '../platform/platform.ts';
import type { CallPipeline } from './call-pipeline.ts';

/** What decorated methods and `inject` need at run time. One canister per Wasm, so one of these. */
export interface ActiveRuntime {
  container: Container;
  platform: Platform;
  pipeline: CallPipeline;
}

let active: ActiveRuntime | undefined;

export function activate(runtime: ActiveRuntime): void {
  active = runtime;
}

export function activeRuntime(): ActiveRuntime {
  if (active === undefined) {
    throw new Error(
      'no canister is composed yet: createCanister() must run before endpoints are used',
    );
  }
  return active;
}

/** Resolves a service for a class field: `private events = inject(EVENTS)`. */
export function inject<T>(tok: Token<T>): T {
  return activeRuntime().container.resolve(tok);
}

/** Resolves a service another plugin may or may not provide (undefined when none does). */
export function injectOptional<T>(tok: Token<T>): T | undefined {
  return activeRuntime().container.resolveOptional(tok);
}

/** The caller of the current message. */
export function caller(): ReturnType<Platform['caller']> {
  return activeRuntime().platform.caller();
}

/** The platform port of the running canister. */
export function platform(): Platform {
  return activeRuntime().platform;
}
