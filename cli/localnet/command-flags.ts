import { didYouMean } from '../suggest.ts';

/** The kind of value a `--flag` takes: a string, a port-like integer, or none (a switch). */
export type FlagKind = 'string' | 'integer' | 'switch';

export type FlagValues = Record<string, string | number | boolean | undefined>;

export type ParsedFlags =
  { ok: true; values: FlagValues; positionals: string[] } | { ok: false; message: string };

/** Parses `--name value`, `--name=value` and `--switch`; anything not starting with `--` is positional. */
export function parseFlags(argv: string[], spec: Record<string, FlagKind>): ParsedFlags {
  const values: FlagValues = {};
  const positionals: string[] = [];
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index]!;
    if (!argument.startsWith('--')) {
      positionals.push(argument);
      continue;
    }
    const [name, inline] = splitOnce(argument.slice(2));
    const kind = spec[name];
    if (kind === undefined) {
      const known = Object.keys(spec).map((key) => `--${key}`);
      return {
        ok: false,
        message: `unknown option --${name}${didYouMean(`--${name}`, known)}; expected one of ${known.join(', ')}`,
      };
    }
    if (kind === 'switch') {
      if (inline !== undefined)
        return { ok: false, message: `--${name} takes no value; got "${inline}"` };
      values[name] = true;
      continue;
    }
    const text = inline ?? argv[++index];
    if (text === undefined) return { ok: false, message: `--${name} needs a value` };
    if (kind === 'integer') {
      const number = Number(text);
      if (!Number.isInteger(number) || number < 0) {
        return { ok: false, message: `--${name} must be a non-negative integer; got "${text}"` };
      }
      values[name] = number;
    } else {
      values[name] = text;
    }
  }
  return { ok: true, values, positionals };
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf('=');
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}
