import { mkdir, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

import type { Principal } from '@dfinity/principal';

import { generateCollection } from '../../cli/build/generate-collection.ts';
import { importPath } from '../../cli/build/generate-names.ts';
import type { CanisterTypeConfig } from '../../cli/config/canister-config.ts';
import { loadConfigSet } from '../../cli/config/load-config-set.ts';
import {
  classMethods,
  collectionsPlugin,
  type CollectionSpec,
  composeCanister,
  type MethodMetadata,
} from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import {
  effectiveLimits,
  instructionBudget,
  LIMITS,
  type LimitSet,
} from '../../plugins/limits/index.ts';

/**
 * Test support (Node, with `azle` replaced by a stand-in): canister types composed on core's
 * memory platform from their canister.yaml (plugins with their options, the service module, and
 * for `collections` the endpoint modules the build generates), with each endpoint's
 * declarations and a way to call it.
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
  /** Declared with `collections` and no service module: every endpoint is generated. */
  yamlOnly: boolean;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** Where the generated collection modules are written (git-ignored, like the build's output). */
const GENERATED = fileURLToPath(new URL('./.azle/collections', import.meta.url));

/** The YAML-only types the matrix covers besides the deployed ones (the system deploys none yet). */
export const YAML_ONLY_FIXTURES = {
  canistersDir: join(ROOT, 'core', 'fixtures', 'canisters'),
  names: ['tasks'],
};

type Endpoint = new () => Record<string, (...args: unknown[]) => unknown>;
export interface TypeComposer {
  name: string;
  compose(): ComposedType;
}

/**
 * One composer per type config/system.yaml deploys (or, with `source`, per type of that folder).
 * One canister per Wasm means one active runtime per process: compose a type, use it, then
 * compose the next (composing activates it).
 */
export async function systemTypeComposers(
  controller: Principal,
  source?: { canistersDir: string; names: string[] },
): Promise<TypeComposer[]> {
  const set = await loadConfigSet(
    source === undefined ? { repoRoot: ROOT } : { repoRoot: ROOT, ...source, systemFile: false },
  );
  if (!set.ok) throw new Error(JSON.stringify(set.errors));
  const deployed = new Set(set.system?.canisters.map((c) => c.type) ?? source?.names);
  const composers: TypeComposer[] = [];
  for (const config of set.canisters.filter((c) => deployed.has(c.name))) {
    const plugins = await Promise.all(
      config.plugins.map(async (use) => {
        const module = (await import(
          join(use.dir ?? join(ROOT, 'plugins', use.name), 'index.ts')
        )) as {
          default: never;
        };
        return [module.default, use.options] as never;
      }),
    );
    const collections = await collectionParts(config);
    if (collections.specs.length > 0)
      plugins.unshift(collectionsPlugin(collections.specs) as never);
    const endpoints: never[] = [...collections.classes];
    if (config.service !== undefined) {
      endpoints.unshift(
        ((await import(join(config.dir, config.service))) as { default: never }).default,
      );
    }
    composers.push({
      name: config.name,
      compose: () => ({
        ...compose(config.name, plugins, endpoints, controller),
        yamlOnly: config.service === undefined,
      }),
    });
  }
  return composers;
}

/** Generates a type's collection modules as the build does, and imports them. */
async function collectionParts(
  config: CanisterTypeConfig,
): Promise<{ specs: CollectionSpec[]; classes: never[] }> {
  const dir = join(GENERATED, config.name);
  const specs: CollectionSpec[] = [];
  const classes: never[] = [];
  for (const collection of config.collections) {
    const core = importPath(dir, join(ROOT, 'core', 'index.ts'));
    const generated = generateCollection(collection, config.file, core);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, generated.path), generated.contents);
    const module = (await import(join(dir, generated.path))) as Record<string, never>;
    specs.push(module[generated.specName]!);
    classes.push(module[generated.className]!);
  }
  return { specs, classes };
}

function compose(
  name: string,
  plugins: never[],
  endpoints: never[],
  controller: Principal,
): Omit<ComposedType, 'yamlOnly'> {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const canister = composeCanister({ name, plugins, endpoints }, platform);
  canister.init();
  const composed: ComposedType['endpoints'] = new Map();
  const limits = canister.host.container.resolveOptional(LIMITS);
  for (const cls of canister.classes as unknown as Endpoint[]) {
    const instance = new cls();
    for (const [method, metadata] of Object.entries(classMethods(cls))) {
      const enforced = limits?.effective(method, metadata);
      const declared = enforced ?? effectiveLimits(method, metadata, {}, {});
      composed.set(method, {
        metadata,
        ...(enforced === undefined ? {} : { enforced }),
        budget: instructionBudget(metadata.mode ?? 'update', declared),
        call: (as, args) => platform.as(as, () => instance[method]!(...args)),
      });
    }
  }
  return { name, platform, endpoints: composed };
}
