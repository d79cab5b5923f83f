import { Container } from '../di/container.ts';
import { CanisterError } from '../errors/canister-error.ts';
import type { HookName, Plugin } from '../plugin.ts';
import type {
  Admission,
  Guard,
  Interceptor,
  PluginContext,
  TimerDeclaration,
} from '../plugin-context.ts';
import type { Platform } from '../platform/platform.ts';
import { StoreRegistry } from '../stores/store-registry.ts';
import { CANISTER_NAME, HEALTH_CHECKS, PLATFORM, STORES } from '../tokens.ts';
import type { Registered } from './call-pipeline.ts';
import { HealthRegistry } from './health-registry.ts';

type LifecycleHook = Extract<HookName, 'init' | 'postUpgrade' | 'preUpgrade'>;

/** Wraps a hook's error with who (plugin), where (hook) and what (message). */
export function hookFailure(plugin: string, hook: string, error: unknown): CanisterError {
  const message = error instanceof Error ? error.message : String(error);
  return new CanisterError('CORE_HOOK_FAILED', `plugin '${plugin}' hook '${hook}': ${message}`, {
    where: `${plugin}.${hook}`,
  });
}

/** Everything plugins registered during setup, and the scope they registered it in. */
export class PluginHost {
  readonly container = Container.createForCanister();
  readonly stores = new StoreRegistry();
  readonly health = new HealthRegistry();
  readonly guards: Registered<Guard>[] = [];
  readonly admissions: Registered<Admission>[] = [];
  readonly interceptors: Registered<Interceptor>[] = [];
  readonly timers: Registered<TimerDeclaration>[] = [];
  readonly lifecycle: Record<LifecycleHook, Registered<() => void>[]> = {
    init: [],
    postUpgrade: [],
    preUpgrade: [],
  };

  constructor(
    readonly canisterName: string,
    readonly platform: Platform,
  ) {
    this.container.provideValue(PLATFORM, platform);
    this.container.provideValue(CANISTER_NAME, canisterName);
    this.container.provideValue(STORES, this.stores);
    this.container.provideValue(HEALTH_CHECKS, this.health);
  }

  /** Runs a plugin's setup with a context scoped to it. */
  setup<O>(plugin: Plugin<O>, options: O): void {
    if (plugin.setup === undefined) return;
    try {
      plugin.setup(this.contextFor(plugin.name, options));
    } catch (error) {
      throw hookFailure(plugin.name, 'setup', error);
    }
  }

  /** Runs one lifecycle hook for every plugin, in the order HOOKS documents. */
  runLifecycle(hook: LifecycleHook): void {
    const registered = this.lifecycle[hook];
    const ordered = hook === 'preUpgrade' ? [...registered].reverse() : registered;
    for (const { plugin, value } of ordered) {
      try {
        value();
      } catch (error) {
        throw hookFailure(plugin, hook, error);
      }
    }
  }

  armTimers(): void {
    for (const { plugin, value: timer } of this.timers) {
      const run = async (): Promise<void> => {
        try {
          await timer.run();
        } catch (error) {
          throw hookFailure(plugin, `timer ${timer.name}`, error);
        }
      };
      if (timer.everySeconds !== undefined) this.platform.setTimerInterval(timer.everySeconds, run);
      else this.platform.setTimer(timer.afterSeconds ?? 0, run);
    }
  }

  private contextFor<O>(plugin: string, options: O): PluginContext<O> {
    const { container, platform } = this;
    return {
      pluginName: plugin,
      canisterName: this.canisterName,
      options,
      platform,
      provide: (tok, value) => container.provideValue(tok, value),
      provideFactory: (tok, factory) => container.provideFactory(tok, () => factory()),
      resolve: (tok) => container.resolve(tok),
      resolveOptional: (tok) => container.resolveOptional(tok),
      store: (declaration) => this.stores.declare(plugin, declaration),
      guard: (value) => this.guards.push({ plugin, value }),
      admit: (value) => this.admissions.push({ plugin, value }),
      intercept: (value) => this.interceptors.push({ plugin, value }),
      onInit: (value) => this.lifecycle.init.push({ plugin, value }),
      onPostUpgrade: (value) => this.lifecycle.postUpgrade.push({ plugin, value }),
      onPreUpgrade: (value) => this.lifecycle.preUpgrade.push({ plugin, value }),
      timer: (value) => this.timers.push({ plugin, value }),
      healthCheck: (name, check) => this.health.register({ plugin, name, check }),
    };
  }
}
