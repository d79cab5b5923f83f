import { relative } from 'node:path';

import { failUsage, type Command } from '../commands.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { initProject } from './init-project.ts';

const USAGE = 'init <dir> [--from spec]';

/** `icp-calendar init`: a separate project that depends on this package. */
export const initCommand: Command = {
  name: 'init',
  usage: USAGE,
  summary:
    'create a new project (its own package.json, a canister type, tests) using this framework',
  options: {
    '<dir>': 'folder of the new project; it must be new or empty',
    '--from <spec>':
      'how package.json depends on icp-calendar: a version range, or file:<path> to a checkout or a packed tarball (default: ^ this version)',
  },
  async run(argv) {
    const parsed = parseFlags(argv, { from: 'string' });
    const fail = (problem: string) => failUsage(initCommand, problem);
    if (!parsed.ok) return fail(parsed.message);
    const [dir, extra] = parsed.positionals;
    if (dir === undefined) return fail('INIT_DIR_MISSING: expected the folder of the new project');
    if (extra !== undefined) return fail(`unexpected argument "${extra}"`);
    const result = await initProject({
      dir,
      frameworkSpec: parsed.values.from as string | undefined,
    });
    if (!result.ok) return fail(`${result.code}: ${result.message}`);
    for (const file of result.files) process.stdout.write(`created ${file}\n`);
    const shown = relative(process.cwd(), result.dir) || '.';
    process.stdout.write(`\nnext:\n  cd ${shown}\n  npm install && npm start\n  npm test\n`);
    return 0;
  },
};
