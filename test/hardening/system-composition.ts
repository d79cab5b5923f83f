import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import type { Principal } from '@dfinity/principal';

import { loadConfigSet } from '../../cli/config/load-config-set.ts';
import { classMethods, composeCanister, type MethodMetadata } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import {
  effectiveLimits,
  instructionBudget,
  LIMITS,
  type LimitSet,
} from '../../plugins/limits/index.ts';

/**
 * Test support (Node, with `vi.mock('azle', …)`): every canister type config/system.yaml
 * deploys, composed on core's memory platform from its canister.yaml (plugins with their
 * options, its service module), with each endpoint's declarations and a way to call it.
 */
export interface ComposedType {
  name: string;
  platform: MemoryPlatform;
  /** Every endpoint: its declarations and a call as a given principal. */
  endpoints: Map<
    string,
    {
      metadata: MethodMetadata;
      /** The limits the limits plugin enforces on it; undefined when the type has no limits plugin. */
      enforced?: LimitSet;
      /** Instructions one call may use: its declared budget (limits' merge) or the default. */
      budget: bigint;
      call(as: Principal, args: unknown[]): unknown;
    }
  >;
  /** Types declared with collections only (their endpoints are generated): not composed here. */
  yamlOnly: boolean;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

type Endpoint = new () => Record<string, (...args: unknown[]) => unknown>;

/**
 * One composer per type. One canister per Wasm means one active runtime per process: compose
 * a type, use it, then compose the next (composing activates it).
 */
export async function systemTypeComposers(
  controller: Principal,
): Promise<{ name: string; compose(): ComposedType }[]> {
  const set = await loadConfigSet({ repoRoot: ROOT });
  if (!set.ok) throw new Error(JSON.stringify(set.errors));
  const deployed = new Set(set.system?.canisters.map((c) => c.type));
  const composers: { name: string; compose(): ComposedType }[] = [];
  for (const config of set.canisters.filter((c) => deployed.has(c.name))) {
    const empty = () => ({
      name: config.name,
      platform: new MemoryPlatform(),
      endpoints: new Map(),
      yamlOnly: true,
    });
    if (config.service === undefined) {
      composers.push({ name: config.name, compose: empty });
      continue;
    }
    const plugins = await Promise.all(
      config.plugins.map(async (use) => {
        const module = (await import(join(ROOT, 'plugins', use.name, 'index.ts'))) as {
          default: never;
        };
        return [module.default, use.options] as never;
      }),
    );
    const service = (await import(join(config.dir, config.service))) as { default: never };
    composers.push({
      name: config.name,
      compose: () => compose(config.name, plugins, service.default, controller),
    });
  }
  return composers;
}

function compose(
  name: string,
  plugins: never[],
  service: never,
  controller: Principal,
): ComposedType {
  {
    const platform = new MemoryPlatform();
    platform.controllers.push(controller);
    const canister = composeCanister({ name, plugins, endpoints: [service] }, platform);
    canister.init();
    const endpoints: ComposedType['endpoints'] = new Map();
    const limits = canister.host.container.resolveOptional(LIMITS);
    for (const cls of canister.classes as unknown as Endpoint[]) {
      const instance = new cls();
      for (const [method, metadata] of Object.entries(classMethods(cls))) {
        const enforced = limits?.effective(method, metadata);
        const declared = enforced ?? effectiveLimits(method, metadata, {}, {});
        endpoints.set(method, {
          metadata,
          ...(enforced === undefined ? {} : { enforced }),
          budget: instructionBudget(metadata.mode ?? 'update', declared),
          call: (as, args) => platform.as(as, () => instance[method]!(...args)),
        });
      }
    }
    return { name, platform, endpoints, yamlOnly: false };
  }
}
