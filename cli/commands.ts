/** One CLI command: its name as typed, a line of help, and what it does. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** Reports a usage problem as `icp-calendar <name>: <problem>` plus the usage line; returns exit code 1. */
export function failUsage(command: Pick<Command, 'name' | 'usage'>, problem: string): number {
  process.stderr.write(
    `icp-calendar ${command.name}: ${problem}\nUsage: icp-calendar ${command.usage}\n`,
  );
  return 1;
}
