import { failUsage, type Command } from '../commands.ts';
import { FRAMEWORK_ROOT } from '../config/config-paths.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { scaffoldCanister } from './scaffold-canister.ts';

const USAGE = 'new <canister-type> [--group name] [--no-system]';

/** `icp-calendar new`: scaffolds a canister type and lists it in config/system.yaml. */
export const newCommand: Command = {
  name: 'new',
  usage: USAGE,
  summary: 'scaffold a canister type under canisters/ (standard plugins, a small domain)',
  options: {
    '<canister-type>': "the new type's name: lower case letters, digits and _",
    '--group <name>': 'the group of config/system.yaml it joins',
    '--no-system': 'do not list it in config/system.yaml',
  },
  async run(argv) {
    const parsed = parseFlags(argv, { group: 'string', 'no-system': 'switch' });
    const fail = (problem: string) => failUsage(newCommand, problem);
    if (!parsed.ok) return fail(parsed.message);
    const [type, extra] = parsed.positionals;
    if (type === undefined) return fail('NEW_TYPE_MISSING: expected a canister type name');
    if (extra !== undefined) return fail(`unexpected argument "${extra}"`);
    const result = await scaffoldCanister({
      repoRoot: FRAMEWORK_ROOT,
      type,
      group: parsed.values.group as string | undefined,
      systemFile: parsed.values['no-system'] ? false : undefined,
    });
    if (!result.ok) return fail(`${result.code}: ${result.message}`);
    for (const file of result.files) process.stdout.write(`created ${file}\n`);
    if (result.addedToSystem) process.stdout.write(`added ${type} to config/system.yaml\n`);
    process.stdout.write(`next: npx icp-calendar build ${type}\n`);
    return 0;
  },
};
