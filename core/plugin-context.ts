import type { Principal } from '@dfinity/principal';

import type { Token } from './di/container.ts';
import type { CanisterError } from './errors/canister-error.ts';
import type { MethodMetadata } from './decorators/metadata.ts';
import type { HealthReport } from './host/health-registry.ts';
import type { Platform } from './platform/platform.ts';
import type { StableStore } from './stores/stable-store.ts';
import type { StoreDeclaration } from './stores/store-declaration.ts';

/** What guards and interceptors learn about the call in progress. */
export interface CallInfo {
  method: string;
  mode: 'query' | 'update';
  caller: Principal;
  /** The decoded arguments; empty until decoding (so in `before` and in admission checks). */
  args: unknown[];
  /** Size of the raw Candid argument; undefined when the method was called directly (tests). */
  argBytes?: number;
  /** What `@allow`, `@metered`, `@limits` declared on the method. */
  metadata: MethodMetadata;
}

/** Returns a CanisterError to refuse the call, undefined to let it pass. Synchronous. */
export type Guard = (call: CallInfo) => CanisterError | undefined;

/** A guard that runs before the argument is decoded: it must be cheap and must not read `args`. */
export type Admission = Guard;

export type CallOutcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/** Sees every call: `before` first, `after` last, on success, refusal and failure alike. */
export interface Interceptor {
  before?(call: CallInfo): void;
  after?(call: CallInfo, outcome: CallOutcome): void;
}

export interface TimerDeclaration {
  name: string;
  /** Repeats every N seconds. */
  everySeconds?: number;
  /** Runs once, N seconds after init/postUpgrade. */
  afterSeconds?: number;
  run(): void | Promise<void>;
}

/** A plugin's handle on the canister during `setup`. Registrations are scoped to the plugin. */
export interface PluginContext<Options = Record<string, unknown>> {
  readonly pluginName: string;
  readonly canisterName: string;
  /** The options from canister.yaml, validated at build time. */
  readonly options: Options;
  readonly platform: Platform;
  provide<T>(token: Token<T>, value: T): void;
  provideFactory<T>(token: Token<T>, factory: () => T): void;
  resolve<T>(token: Token<T>): T;
  resolveOptional<T>(token: Token<T>): T | undefined;
  /** A stable store named `<plugin>/<name>`; usable from init/postUpgrade on. */
  store<V>(declaration: StoreDeclaration<V>): StableStore<V>;
  guard(guard: Guard): void;
  /** A refusal checked before the argument is decoded (by size, caller, method): cheap. */
  admit(check: Admission): void;
  intercept(interceptor: Interceptor): void;
  onInit(hook: () => void): void;
  onPostUpgrade(hook: () => void): void;
  onPreUpgrade(hook: () => void): void;
  /** Armed after init and re-armed after every upgrade. */
  timer(timer: TimerDeclaration): void;
  /** Adds a check to the HEALTH_CHECKS registry that any health reporter resolves. */
  healthCheck(name: string, check: () => HealthReport): void;
}
