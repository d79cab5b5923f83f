import { resolve } from 'node:path';

import { failUsage, type Command } from '../commands.ts';
import { explainOrder } from '../config/check-command.ts';
import { parseConfigArgs } from '../config/command-args.ts';
import { formatConfigErrors } from '../config/config-errors.ts';
import { loadConfigSet } from '../config/load-config-set.ts';
import { buildCanisters, type BuildSteps } from './build-canisters.ts';

/** `icp-calendar build`; `steps` lets tests swap the generator and Azle. */
export function buildCommand(steps?: Partial<BuildSteps>): Command {
  const command: Command = {
    name: 'build',
    usage: 'build [names...] [--explain] [--concurrency n]',
    summary: 'validate canister.yaml files, generate entries, compile Wasm, embed Candid, write bindings',
    options: {
      'names...': 'only these canister types (default: every folder under canisters/)',
      '--explain': 'print each canister type\'s plugin setup order first',
      '--concurrency <n>': 'Azle compilations at once (default: the number of cores, at most 4)',
      '--plugins <dir>': 'also look for plugins in this folder (repeatable)',
      '--canisters <dir>': 'canister types folder (default canisters/)',
      '--system <file>': 'system.yaml to read (default config/system.yaml)',
    },
    async run(argv) {
      const parsed = parseConfigArgs(argv);
      if (!parsed.ok) return failUsage(command, parsed.message);
      const { args } = parsed;
      const selection = {
        names: args.names,
        pluginRoots: args.pluginRoots.map((dir) => resolve(dir)),
        canistersDir: args.canistersDir && resolve(args.canistersDir),
      systemFile: args.systemFile && resolve(args.systemFile),
      };
      if (args.explain) {
        const set = await loadConfigSet(selection);
        if (set.ok) process.stdout.write(`${set.canisters.map(explainOrder).join('\n')}\n`);
      }
      const result = await buildCanisters({
        ...selection,
        concurrency: args.concurrency,
        steps,
        log: (line) => process.stdout.write(`${line}\n`),
      });
      if (!result.ok) {
        if (result.configErrors.length > 0) process.stderr.write(`${formatConfigErrors(result.configErrors)}\n`);
        for (const failure of result.failures) process.stderr.write(`${failure.name}: ${failure.error.message}\n`);
        return 1;
      }
      process.stdout.write(`built ${result.built.length} canister(s)\n`);
      return 0;
    },
  };
  return command;
}
