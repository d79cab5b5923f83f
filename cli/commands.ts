/** One CLI command: its name as typed, a line of help, and what it does. */
export interface Command {
  name: string;
  usage: string;
  summary: string;
  run(args: string[]): Promise<number>;
}
