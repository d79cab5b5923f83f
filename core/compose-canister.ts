import { CanisterError } from './errors/canister-error.ts';
import { classMethods } from './decorators/metadata.ts';
import { CallPipeline } from './host/call-pipeline.ts';
import { activate } from './host/current-runtime.ts';
import { PluginHost } from './host/plugin-host.ts';
import { orderPlugins } from './host/plugin-order.ts';
import type { EndpointClass, Plugin } from './plugin.ts';
import type { Platform } from './platform/platform.ts';
import { METHOD_TABLE } from './tokens.ts';
import type { MethodMetadata } from './decorators/metadata.ts';

/** What a domain service module may export: endpoint classes, or a plugin of its own. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type DomainPart = EndpointClass | Plugin<any>;

/** A plugin, or a plugin with its options from canister.yaml. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type PluginEntry = Plugin<any> | readonly [Plugin<any>, Record<string, unknown>];

export interface CanisterDefinition {
  /** The canister type's name (folder under canisters/). */
  name: string;
  /** In YAML order; setup runs in dependency order, then this order. */
  plugins?: readonly PluginEntry[];
  /**
   * Domain endpoint classes (a service module may export one class or an array).
   * A domain that keeps state may also list a plugin value here (its stores, its
   * services, its endpoints): it is set up after the YAML plugins, with no options.
   */
  endpoints?: readonly (DomainPart | readonly DomainPart[])[];
}

export interface ComposedCanister {
  name: string;
  /** Plugin names in setup order. */
  order: string[];
  /** Plugin endpoint classes (in plugin order), then domain classes. */
  classes: EndpointClass[];
  host: PluginHost;
  init(): void;
  postUpgrade(): void;
  preUpgrade(): void;
}

/**
 * Composes plugins and endpoints into a running canister on a platform. Runs
 * at module evaluation, which `azle build` also does while extracting Candid:
 * a composition error here fails the build.
 */
export function composeCanister(
  definition: CanisterDefinition,
  platform: Platform,
): ComposedCanister {
  const domain = (definition.endpoints ?? []).flat() as DomainPart[];
  const domainPlugins = domain.filter((part): part is Plugin => typeof part !== 'function');
  const entries = [
    ...(definition.plugins ?? []).map((entry) =>
      Array.isArray(entry)
        ? { plugin: entry[0], options: entry[1] }
        : { plugin: entry as Plugin, options: {} },
    ),
    ...domainPlugins.map((plugin) => ({ plugin, options: {} })),
  ];
  const ordered = orderPlugins(
    entries.map((e) => ({ ...e, name: e.plugin.name, dependsOn: e.plugin.dependsOn })),
  );
  const host = new PluginHost(definition.name, platform);
  activate({
    container: host.container,
    platform,
    pipeline: new CallPipeline(
      platform,
      host.container,
      host.guards,
      host.interceptors,
      host.admissions,
    ),
  });
  for (const { plugin, options } of ordered) host.setup(plugin, options);

  const classes = [
    ...ordered.flatMap(({ plugin }) => plugin.endpoints ?? []),
    ...domain.filter((part): part is EndpointClass => typeof part === 'function'),
  ];
  assertEveryMethodDeclaresAccess(definition.name, classes);
  host.container.provideValue(METHOD_TABLE, methodTableOf(classes));

  return {
    name: definition.name,
    order: ordered.map(({ name }) => name),
    classes,
    host,
    init() {
      host.stores.open(platform, 'init');
      host.runLifecycle('init');
      host.armTimers();
    },
    postUpgrade() {
      host.stores.open(platform, 'postUpgrade');
      host.runLifecycle('postUpgrade');
      host.armTimers();
    },
    preUpgrade() {
      host.runLifecycle('preUpgrade');
    },
  };
}

function methodTableOf(classes: EndpointClass[]): Record<string, MethodMetadata> {
  const table: Record<string, MethodMetadata> = {};
  for (const cls of classes) Object.assign(table, classMethods(cls));
  return table;
}

function assertEveryMethodDeclaresAccess(canister: string, classes: EndpointClass[]): void {
  const missing: string[] = [];
  for (const cls of classes) {
    for (const [method, metadata] of Object.entries(classMethods(cls))) {
      if (metadata.mode !== undefined && (metadata.access ?? []).length === 0) {
        missing.push(`${cls.name || 'anonymous class'}.${method}`);
      }
    }
  }
  if (missing.length > 0) {
    throw new CanisterError(
      'CORE_COMPOSITION',
      `canister '${canister}': every endpoint needs @allow(...); missing on ${missing.join(', ')}`,
      {
        expected: "@allow('public' | 'user' | 'owner' | 'admin' | 'controller' | 'group:<name>')",
        found: 'none',
      },
    );
  }
}
