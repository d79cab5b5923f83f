import { didYouMean } from '../suggest.ts';

const FLAGS = ['--explain', '--plugins', '--canisters', '--system', '--concurrency'];

/** Arguments shared by `check` and `build`. */
export interface ConfigArgs {
  names: string[];
  explain: boolean;
  pluginRoots: string[];
  canistersDir?: string;
  /** system.yaml to validate against (default config/system.yaml). */
  systemFile?: string;
  concurrency?: number;
}

export type ParsedArgs = { ok: true; args: ConfigArgs } | { ok: false; message: string };

/** Parses `[names...] [--explain] [--plugins <dir>]... [--canisters <dir>] [--system <file>] [--concurrency <n>]`. */
export function parseConfigArgs(argv: string[]): ParsedArgs {
  const args: ConfigArgs = { names: [], explain: false, pluginRoots: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const arg = argv[index]!;
    const value = () => argv[++index];
    if (arg === '--explain') args.explain = true;
    else if (arg === '--plugins') {
      const dir = value();
      if (dir === undefined) return { ok: false, message: '--plugins expects a folder' };
      args.pluginRoots.push(dir);
    } else if (arg === '--canisters') {
      const dir = value();
      if (dir === undefined) return { ok: false, message: '--canisters expects a folder' };
      args.canistersDir = dir;
    } else if (arg === '--system') {
      const file = value();
      if (file === undefined) return { ok: false, message: '--system expects a system.yaml file' };
      args.systemFile = file;
    } else if (arg === '--concurrency') {
      const count = Number(value());
      if (!Number.isInteger(count) || count < 1)
        return { ok: false, message: '--concurrency expects a whole number of at least 1' };
      args.concurrency = count;
    } else if (arg.startsWith('--')) {
      return { ok: false, message: `unknown option ${arg}${didYouMean(arg, FLAGS)}` };
    } else args.names.push(arg);
  }
  return { ok: true, args };
}
