import type { PluginUse } from './canister-config.ts';
import type { ConfigError } from './config-errors.ts';
import { isMap } from './collection-checks.ts';
import type { PluginCatalog } from './plugin-catalog.ts';
import { orderPlugins } from './plugin-order.ts';
import { schemaErrors } from './schema-errors.ts';
import { didYouMean } from '../suggest.ts';
import type { YamlSource } from './yaml-source.ts';

export interface PluginCheckResult {
  uses: PluginUse[];
  bootOrder: string[];
  errors: ConfigError[];
}

/** Resolves every plugin key against the catalog, validates its options and orders the plugins. */
export async function checkPlugins(
  plugins: unknown,
  source: YamlSource,
  catalog: PluginCatalog,
  canisterDir?: string,
): Promise<PluginCheckResult> {
  if (!isMap(plugins)) return { uses: [], bootOrder: [], errors: [] };
  const errors: ConfigError[] = [];
  const uses: PluginUse[] = [];
  const keyOf = new Map<string, string>();
  for (const [name, rawOptions] of Object.entries(plugins)) {
    const options = (rawOptions ?? {}) as Record<string, unknown>;
    const lookup = await catalog.lookup(name, canisterDir);
    if (lookup.found === 'absent') {
      const known = await catalog.names();
      const hint =
        known.length > 0
          ? `one of ${known.join(', ')}; a ./path to a plugin folder; or an installed npm plugin`
          : 'a folder under plugins/ with manifest.json; a ./path to one; or an installed npm plugin';
      errors.push(
        source.errorAt(
          ['plugins', name],
          'CONFIG_UNKNOWN_PLUGIN',
          `plugins.${name} must name a plugin (${hint}); got unknown plugin "${name}"${didYouMean(name, known)}`,
          'key',
        ),
      );
      continue;
    }
    if (lookup.found === false) {
      errors.push(...lookup.errors);
      errors.push(
        source.errorAt(
          ['plugins', name],
          'CONFIG_UNKNOWN_PLUGIN',
          `plugins.${name} must name a usable plugin; its folder has errors (listed with it)`,
          'key',
        ),
      );
      continue;
    }
    const { plugin } = lookup;
    const earlier = keyOf.get(plugin.name);
    if (earlier !== undefined) {
      errors.push(
        source.errorAt(
          ['plugins', name],
          'CONFIG_DUPLICATE_NAME',
          `each plugin must be turned on once; got plugin "${plugin.name}" again (also as plugins.${earlier})`,
          'key',
        ),
      );
      continue;
    }
    errors.push(
      ...schemaErrors(
        plugin.validateOptions,
        options,
        source,
        ['plugins', name],
        'CONFIG_INVALID_OPTION',
      ),
    );
    const use: PluginUse = {
      name: plugin.name,
      options,
      dir: plugin.dir,
      dependsOn: plugin.dependsOn,
    };
    if (plugin.name !== name) use.key = name;
    if (plugin.packageName !== undefined) use.packageName = plugin.packageName;
    keyOf.set(plugin.name, name);
    uses.push(use);
  }
  const at = (plugin: string) => ['plugins', keyOf.get(plugin) ?? plugin];

  const order = orderPlugins(
    uses.map((use) => ({ name: use.name, dependsOn: use.dependsOn ?? [] })),
  );
  for (const { plugin, dependency } of order.missing) {
    errors.push(
      source.errorAt(
        at(plugin),
        'CONFIG_MISSING_DEPENDENCY',
        `plugins.${plugin} needs plugin "${dependency}" turned on too; got no plugins.${dependency}`,
        'key',
      ),
    );
  }
  for (const cycle of order.cycles) {
    errors.push(
      source.errorAt(
        at(cycle[0]!),
        'CONFIG_DEPENDENCY_CYCLE',
        `plugins must not depend on each other in a cycle; got ${cycle.join(' -> ')}`,
        'key',
      ),
    );
  }
  return { uses, bootOrder: order.order, errors };
}
