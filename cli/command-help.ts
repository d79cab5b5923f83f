import type { Command } from './commands.ts';

/** Help never runs past this column, so it reads in an 100-column terminal. */
export const HELP_WIDTH = 100;

/** Breaks `text` into lines of at most `width - indent` characters, each indented by `indent`. */
export function wrap(text: string, indent: number, width = HELP_WIDTH): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((entry) => ' '.repeat(indent) + entry);
}

/** Two columns: the left one as wide as its longest entry (capped), the right one wrapped. */
function table(rows: [string, string][]): string[] {
  const left = Math.min(34, Math.max(...rows.map(([name]) => name.length)));
  return rows.flatMap(([name, text]) => {
    const [first = '', ...rest] = wrap(text, left + 4);
    if (name.length > left) return [`  ${name}`, ...wrap(text, left + 4)];
    return [`  ${name.padEnd(left)}  ${first.trimStart()}`, ...rest];
  });
}

/** The words typed to run a command: its usage line up to the first argument. */
function commandWords(command: Command): string {
  return command.usage.split(/\s+[[<]/)[0]!;
}

/** `icp-calendar --help`. */
export function overviewHelp(commands: readonly Command[]): string {
  return [
    'Usage: icp-calendar <command> [options]',
    '',
    'Commands:',
    ...table(commands.map((command) => [commandWords(command), command.summary])),
    '',
    'Run "icp-calendar <command> --help" for a command\'s options.',
    'Set ICP_CALENDAR_DEBUG=1 to see the stack trace of an unexpected error.',
    '',
  ].join('\n');
}

/** `icp-calendar <command> --help`. */
export function commandHelp(command: Command): string {
  const usage = wrap(`icp-calendar ${command.usage}`, 2);
  const options = Object.entries(command.options ?? {});
  return [
    'Usage:',
    ...usage,
    '',
    ...wrap(command.summary, 0),
    ...(options.length > 0 ? ['', 'Options:', ...table(options)] : []),
    '',
  ].join('\n');
}
