import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';

import { failUsage, type Command } from '../commands.ts';
import { FRAMEWORK_ROOT, PROJECT_ROOT } from '../config/config-paths.ts';
import { parseFlags, type FlagValues } from '../localnet/command-flags.ts';
import { scaffoldCanister } from './scaffold-canister.ts';
import { scaffoldPlugin } from './scaffold-plugin.ts';

const USAGE =
  'new <canister-type> [--group name] [--no-system] | new plugin <name> [--package npm-name] [--dir folder]';

/** `icp-calendar new`: scaffolds a canister type (listed in config/system.yaml) or a plugin. */
export const newCommand: Command = {
  name: 'new',
  usage: USAGE,
  summary:
    'scaffold a canister type under canisters/, or a plugin under plugins/ or as an npm package',
  options: {
    '<canister-type>': "the new type's name: lower case letters, digits and _",
    '--group <name>': 'the group of config/system.yaml the type joins',
    '--no-system': 'do not list the type in config/system.yaml',
    'plugin <name>': 'a plugin: manifest, options schema, hooks, an endpoint and a README',
    '--package <npm-name>': 'write the plugin as an npm package (package.json) to pack or publish',
    '--dir <folder>': 'where the plugin goes (default plugins/<name>, or ./<name> for a package)',
  },
  async run(argv) {
    const parsed = parseFlags(argv, {
      group: 'string',
      'no-system': 'switch',
      package: 'string',
      dir: 'string',
    });
    const fail = (problem: string) => failUsage(newCommand, problem);
    if (!parsed.ok) return fail(parsed.message);
    if (parsed.positionals[0] === 'plugin')
      return newPlugin(parsed.positionals.slice(1), parsed.values, fail);
    const [type, extra] = parsed.positionals;
    if (type === undefined) return fail('NEW_TYPE_MISSING: expected a canister type name');
    if (extra !== undefined) return fail(`unexpected argument "${extra}"`);
    if (parsed.values.package !== undefined || parsed.values.dir !== undefined) {
      return fail('--package and --dir are for "new plugin <name>"');
    }
    const result = await scaffoldCanister({
      repoRoot: PROJECT_ROOT,
      frameworkRoot: FRAMEWORK_ROOT,
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

async function newPlugin(
  positionals: string[],
  values: FlagValues,
  fail: (problem: string) => number,
): Promise<number> {
  const [name, extra] = positionals;
  if (name === undefined) return fail('NEW_PLUGIN_MISSING: expected a plugin name');
  if (extra !== undefined) return fail(`unexpected argument "${extra}"`);
  const packageName = values.package as string | undefined;
  const defaultDir = packageName === undefined ? join(PROJECT_ROOT, 'plugins', name) : name;
  const { version } = JSON.parse(await readFile(join(FRAMEWORK_ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const result = await scaffoldPlugin({
    name,
    dir: resolve((values.dir as string | undefined) ?? defaultDir),
    packageName,
    frameworkRoot: FRAMEWORK_ROOT,
    projectRoot: PROJECT_ROOT,
    frameworkVersion: version,
  });
  if (!result.ok) return fail(`${result.code}: ${result.message}`);
  for (const file of result.files)
    process.stdout.write(`created ${relative(process.cwd(), file)}\n`);
  const key = packageName === undefined ? name : `"${packageName}"`;
  process.stdout.write(`next: turn it on under plugins: in a canister.yaml (${key}: {})\n`);
  return 0;
}
