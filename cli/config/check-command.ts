import { resolve } from 'node:path';

import type { Command } from '../commands.ts';
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
  async run(argv) {
    const parsed = parseConfigArgs(argv);
    if (!parsed.ok) {
      process.stderr.write(`icp-calendar check: ${parsed.message}\n`);
      return 1;
    }
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
