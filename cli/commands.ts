/** One CLI command: its name as typed, a line of help, and what it does. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}

/** The exit code of a command that exists in the help but has not landed yet. */
export const NOT_YET_IMPLEMENTED = 2;

export function notYetImplemented(name: string, usage: string, summary: string): Command {
  return {
    name,
    usage,
    summary,
    async run() {
      process.stderr.write(`icp-calendar ${name}: not yet implemented\n`);
      return NOT_YET_IMPLEMENTED;
    },
  };
}
