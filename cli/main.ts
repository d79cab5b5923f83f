import { backupCommand } from './backup/backup-command.ts';
import { buildCommand } from './build/build-command.ts';
import { commandHelp, overviewHelp } from './command-help.ts';
import type { Command } from './commands.ts';
import { checkCommand } from './config/check-command.ts';
import { configureCommand } from './deploy/configure-command.ts';
import { deployCommand } from './deploy/deploy-command.ts';
import { initCommand } from './init/init-command.ts';
import { topupCommand } from './deploy/topup-command.ts';
import { localnetCommand } from './localnet/localnet-command.ts';
import { newCommand } from './new/new-command.ts';
import { startCommand } from './start/start-command.ts';
import { statusCommand } from './status/status-command.ts';
import { didYouMean } from './suggest.ts';
import { describeUnexpected } from './unexpected-error.ts';

const commands: Command[] = [
  buildCommand(),
  checkCommand,
  startCommand,
  localnetCommand,
  deployCommand,
  configureCommand,
  topupCommand,
  statusCommand,
  backupCommand,
  newCommand,
  initCommand,
];

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

export function helpText(): string {
  return overviewHelp(commands);
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP_FLAGS.has(name)) {
    process.stdout.write(helpText());
    return 0;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (command === undefined) {
    const names = commands.map((candidate) => candidate.name);
    process.stderr.write(
      `icp-calendar: unknown command "${name}"${didYouMean(name, names)}\n\n${helpText()}`,
    );
    return 1;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(commandHelp(command));
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    return reportUnexpected(command.name, error);
  }
}

function reportUnexpected(name: string, error: unknown): number {
  const lines = describeUnexpected(error, process.env.ICP_CALENDAR_DEBUG === '1');
  process.stderr.write(`icp-calendar ${name}: ${lines.join('\n')}\n`);
  return 1;
}
