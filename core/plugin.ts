import type { PluginContext } from './plugin-context.ts';

/** A class whose methods carry `@query`/`@update` from core; Azle instantiates it. */
export type EndpointClass = new () => object;

/**
 * The plugin contract. A plugin is a plain value; its folder holds
 * `manifest.json` (name, description, dependsOn: data the build reads),
 * `options.schema.json`, `plugin.ts` (this value) and `index.ts`.
 */
export interface Plugin<Options = Record<string, unknown>> {
  /** Equals the plugin's folder name and its key in canister.yaml. */
  readonly name: string;
  /** Plugins whose setup must run first; all must be in the same canister. */
  readonly dependsOn?: readonly string[];
  /** Registers services, stores, guards, interceptors, lifecycle hooks, timers, health checks. */
  setup?(ctx: PluginContext<Options>): void;
  /** Endpoint classes added to the canister's Candid interface. */
  readonly endpoints?: readonly EndpointClass[];
}

/** How the runtime runs every function registered for a hook. */
export type HookKind =
  /** Each in order; a throw stops the rest and fails the message. */
  | 'sequential'
  /** Each in order until the first refusal, which becomes the call's error. */
  | 'first-refusal'
  /** `before` in order, handler, `after` in reverse order (also on refusal and failure). */
  | 'onion';

export interface HookSpec {
  kind: HookKind;
  /** When the hook runs, and in which plugin order. */
  runs: string;
}

/**
 * Every hook a plugin can use, in the order a canister's life runs them.
 * Adding a hook means adding a row here; the host dispatches from this table.
 */
export const HOOKS = {
  setup: {
    kind: 'sequential',
    runs: 'once per Wasm start (module evaluation, also at build time); dependency order, then YAML order',
  },
  init: {
    kind: 'sequential',
    runs: 'canister_init, after stores are opened, before timers are armed; plugin order',
  },
  postUpgrade: {
    kind: 'sequential',
    runs: 'canister_post_upgrade, after stores are opened and migrated, before timers are re-armed; plugin order',
  },
  intercept: {
    kind: 'onion',
    runs: 'every query/update: `before` in plugin order, first of all; `after` in reverse order, last of all',
  },
  admit: {
    kind: 'first-refusal',
    runs: 'every query/update, after `before` interceptors and the @allow check, before the argument is decoded (sees its size only); plugin order',
  },
  guard: {
    kind: 'first-refusal',
    runs: 'every query/update, after the argument is decoded; plugin order',
  },
  preUpgrade: {
    kind: 'sequential',
    runs: 'canister_pre_upgrade; reverse plugin order (dependents before their dependencies)',
  },
} as const satisfies Record<string, HookSpec>;

export type HookName = keyof typeof HOOKS;

/** Identity helper that gives a plugin value its type. */
export function definePlugin<Options>(plugin: Plugin<Options>): Plugin<Options> {
  return plugin;
}
