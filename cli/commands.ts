/** One CLI command: its name as typed, its usage line, a line of help, its options, and what it does. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  /** `--flag` (as in the usage line) → what it does; shown by `icp-calendar <name> --help`. */
  options?: Record<string, string>;
  run(args: string[]): Promise<number>;
}

/** Reports a usage problem as `icp-calendar <name>: <problem>` plus the usage line; returns exit code 1. */
export function failUsage(command: Pick<Command, 'name' | 'usage'>, problem: string): number {
  process.stderr.write(
    `icp-calendar ${command.name}: ${problem}\n` +
      `Usage: icp-calendar ${command.usage}\n` +
      `Run "icp-calendar ${command.name} --help" for details.\n`,
  );
  return 1;
}
