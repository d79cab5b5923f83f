import { CanisterError } from '../errors/canister-error.ts';
import type { Plugin } from '../plugin.ts';

/**
 * The order plugins set up in: each after the plugins it depends on, ties
 * broken by YAML order. Unknown dependencies, duplicates and cycles are
 * composition errors.
 */
export function orderPlugins<P extends Pick<Plugin, 'name' | 'dependsOn'>>(plugins: P[]): P[] {
  const names = new Set<string>();
  for (const plugin of plugins) {
    if (names.has(plugin.name)) {
      throw new CanisterError('CORE_COMPOSITION', `plugin '${plugin.name}' is listed twice`);
    }
    names.add(plugin.name);
  }
  for (const plugin of plugins) {
    for (const dependency of plugin.dependsOn ?? []) {
      if (!names.has(dependency)) {
        throw new CanisterError(
          'CORE_COMPOSITION',
          `plugin '${plugin.name}' depends on '${dependency}', which this canister does not use`,
          {
            expected: `'${dependency}' in the plugin list`,
            found: [...names].join(', ') || 'none',
          },
        );
      }
    }
  }
  const placed: P[] = [];
  const placedNames = new Set<string>();
  while (placed.length < plugins.length) {
    const next = plugins.find(
      (plugin) =>
        !placedNames.has(plugin.name) &&
        (plugin.dependsOn ?? []).every((dependency) => placedNames.has(dependency)),
    );
    if (next === undefined) {
      const stuck = plugins.filter((p) => !placedNames.has(p.name)).map((p) => p.name);
      throw new CanisterError(
        'CORE_COMPOSITION',
        `plugins depend on each other in a cycle: ${stuck.join(', ')}`,
      );
    }
    placed.push(next);
    placedNames.add(next.name);
  }
  return placed;
}
