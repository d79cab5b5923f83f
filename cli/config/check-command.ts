import { resolve } from 'node:path';

import { failUsage, type Command } from '../commands.ts';
import type { CanisterTypeConfig } from './canister-config.ts';
import { formatConfigErrors } from './config-errors.ts';
import { parseConfigArgs } from './command-args.ts';
import { loadConfigSet } from './load-config-set.ts';
import { explainPluginOrder } from './plugin-order.ts';

export const checkCommand: Command = {
  name: 'check',
  usage: 'check [names...] [--explain]',
  summary:
    'validate config/system.yaml and canister.yaml files; --explain prints plugin setup order',
  options: {
    'names...': 'only these canister types (default: every folder under canisters/)',
    '--explain': "print each canister type's plugin setup order and why",
    '--plugins <dir>': 'also look for plugins in this folder (repeatable)',
    '--canisters <dir>': 'canister types folder (default canisters/)',
    '--system <file>': 'system.yaml to validate against (default config/system.yaml)',
  },
  async run(argv) {
    const parsed = parseConfigArgs(argv);
    if (!parsed.ok) return failUsage(checkCommand, parsed.message);
    const { args } = parsed;
    const set = await loadConfigSet({
      names: args.names,
      pluginRoots: args.pluginRoots.map((dir) => resolve(dir)),
      canistersDir: args.canistersDir && resolve(args.canistersDir),
      systemFile: args.systemFile && resolve(args.systemFile),
    });
    if (!set.ok) {
      process.stderr.write(`${formatConfigErrors(set.errors)}\n`);
      return 1;
    }
    if (args.explain) process.stdout.write(`${set.canisters.map(explainOrder).join('\n')}\n`);
    process.stdout.write(`configuration valid: ${set.canisters.length} canister type(s)\n`);
    return 0;
  },
};

export function explainOrder(config: CanisterTypeConfig): string {
  return explainPluginOrder(
    config.name,
    config.plugins.map((use) => ({ name: use.name, dependsOn: use.dependsOn ?? [] })),
  );
}
