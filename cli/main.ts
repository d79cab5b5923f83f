import { buildCommand } from './build/build-command.ts';
import type { Command } from './commands.ts';
import { checkCommand } from './config/check-command.ts';
import { deployCommand } from './deploy/deploy-command.ts';
import { localnetCommand } from './localnet/localnet-command.ts';
import { newCommand } from './new/new-command.ts';
import { startCommand } from './start/start-command.ts';
import { statusCommand } from './status/status-command.ts';

const commands: Command[] = [
  buildCommand(),
  checkCommand,
  startCommand,
  localnetCommand,
  deployCommand,
  statusCommand,
  newCommand,
];

export function helpText(): string {
  const width = Math.max(...commands.map((command) => command.usage.length));
  const lines = commands.map((command) => `  ${command.usage.padEnd(width)}  ${command.summary}`);
  return ['Usage: icp-calendar <command> [options]', '', 'Commands:', ...lines, ''].join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(helpText());
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    process.stderr.write(`icp-calendar: unknown command "${name}"\n\n${helpText()}`);
    return 1;
  }
  return command.run(rest);
}
