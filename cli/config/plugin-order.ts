/** What the order needs to know about one plugin a canister turns on. */
export interface PluginNode {
  name: string;
  dependsOn: readonly string[];
}

export interface PluginOrder {
  /** Boot order: every plugin after its dependencies, otherwise in YAML order. */
  order: string[];
  /** Dependencies the canister does not turn on. */
  missing: { plugin: string; dependency: string }[];
  /** Each cycle as the list of names walked, first name repeated at the end. */
  cycles: string[][];
}

/**
 * Orders plugins for setup: repeatedly takes the first plugin in YAML order whose
 * dependencies are already placed. Plugins caught in a cycle are reported and
 * then appended in YAML order so the caller still gets a complete list.
 */
export function orderPlugins(plugins: readonly PluginNode[]): PluginOrder {
  const present = new Set(plugins.map((plugin) => plugin.name));
  const missing = plugins.flatMap((plugin) =>
    plugin.dependsOn
      .filter((dependency) => !present.has(dependency))
      .map((dependency) => ({ plugin: plugin.name, dependency })),
  );
  const placed = new Set<string>();
  const order: string[] = [];
  let remaining = [...plugins];
  while (remaining.length > 0) {
    const ready = remaining.find((plugin) =>
      plugin.dependsOn.every((dependency) => placed.has(dependency) || !present.has(dependency)),
    );
    if (ready === undefined) break;
    placed.add(ready.name);
    order.push(ready.name);
    remaining = remaining.filter((plugin) => plugin !== ready);
  }
  const cycles = findCycles(remaining);
  order.push(...remaining.map((plugin) => plugin.name));
  return { order, missing, cycles };
}

function findCycles(stuck: readonly PluginNode[]): string[][] {
  const byName = new Map(stuck.map((plugin) => [plugin.name, plugin]));
  const cycles: string[][] = [];
  const reported = new Set<string>();
  for (const start of stuck) {
    if (reported.has(start.name)) continue;
    const path: string[] = [];
    let current: PluginNode | undefined = start;
    while (current !== undefined && !path.includes(current.name)) {
      path.push(current.name);
      current = current.dependsOn
        .map((name) => byName.get(name))
        .find((next) => next !== undefined);
    }
    if (current === undefined) continue;
    const cycle = [...path.slice(path.indexOf(current.name)), current.name];
    if (cycle.some((name) => reported.has(name))) continue;
    cycle.forEach((name) => reported.add(name));
    cycles.push(cycle);
  }
  return cycles;
}

/** Human-readable boot order, one plugin a line, with why it sits where it does. */
export function explainPluginOrder(canister: string, plugins: readonly PluginNode[]): string {
  const { order } = orderPlugins(plugins);
  const byName = new Map(plugins.map((plugin) => [plugin.name, plugin]));
  const lines = order.map((name, index) => {
    const dependsOn = byName.get(name)?.dependsOn ?? [];
    const why = dependsOn.length > 0 ? `after ${dependsOn.join(', ')}` : 'YAML order';
    return `  ${index + 1}. ${name}  (${why})`;
  });
  return [
    `${canister}: plugin setup order`,
    ...(lines.length > 0 ? lines : ['  (no plugins)']),
  ].join('\n');
}
