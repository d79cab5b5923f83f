import { resolve } from 'node:path';

import { Principal } from '@dfinity/principal';

import { failUsage, type Command } from '../commands.ts';
import { parseCycles } from '../deploy/cycles-amount.ts';
import { parseFlags } from './command-flags.ts';
import { DEFAULT_LOCALNET_PORT, DEFAULT_STATE_DIR, runLocalnet } from './run-localnet.ts';
import { untilSignalled } from './shutdown-signals.ts';

const USAGE =
  'localnet start [--port 4943] [--state-dir .localnet] [--clean] [--checkpoint-interval ms] ' +
  '[--no-provisional [--mint <principal>:<cycles>,…]]';

/** `icp-calendar localnet start`: the network alone, in the foreground, until SIGINT/SIGTERM. */
export const localnetCommand: Command = {
  name: 'localnet',
  usage: USAGE,
  summary: 'run the local IC network alone (state kept in --state-dir across restarts)',
  options: {
    '--port <n>': 'port of the IC HTTP interface on 127.0.0.1 (default 4943; 0 picks a free one)',
    '--state-dir <dir>': 'where the network keeps its state (default .localnet)',
    '--clean': 'start from an empty state (the old state is deleted)',
    '--checkpoint-interval <ms>': 'how often a changed state is saved, in milliseconds',
    '--no-provisional': 'mainnet-like: provisional_* refused, the cycles ledger at its IC id',
    '--mint <principal>:<cycles>,…': 'with --no-provisional: give identities cycles (local only)',
  },
  async run(argv) {
    const parsed = parseFlags(argv, {
      port: 'integer',
      'state-dir': 'string',
      clean: 'switch',
      'checkpoint-interval': 'integer',
      'no-provisional': 'switch',
      mint: 'string',
    });
    if (!parsed.ok || parsed.positionals.join(' ') !== 'start') {
      const problem = parsed.ok
        ? `expected "start"; got "${parsed.positionals.join(' ')}"`
        : parsed.message;
      return failUsage(localnetCommand, problem);
    }
    const { values } = parsed;
    const mint = parseMint(values.mint as string | undefined);
    if (typeof mint === 'string') return failUsage(localnetCommand, mint);
    const log = (line: string) => process.stdout.write(`${line}\n`);
    const network = await runLocalnet({
      port: (values.port as number | undefined) ?? DEFAULT_LOCALNET_PORT,
      stateDir: resolve((values['state-dir'] as string | undefined) ?? DEFAULT_STATE_DIR),
      clean: values.clean === true,
      checkpointIntervalMs: values['checkpoint-interval'] as number | undefined,
      mainnetLike: values['no-provisional'] === true,
      mint,
      log,
    }).catch((error: unknown) => error as Error);
    if (network instanceof Error) {
      process.stderr.write(`icp-calendar localnet: ${network.message}\n`);
      return 1;
    }
    // Listening before the ready line: a client may signal as soon as it reads that line.
    const stopped = untilSignalled(() => network.stop());
    log(`state in ${network.layout.root} (${network.restoredCanisters} canister(s) restored)`);
    log(readyLine(network.url, network.rootKeyHex));
    const signal = await stopped;
    log(`localnet stopped (${signal}), state saved`);
    return 0;
  },
};

/** `--mint <principal>:<cycles>[,…]` (cycles may end in T for 10^12); a message when malformed. */
export function parseMint(
  text: string | undefined,
): { owner: Principal; cycles: bigint }[] | string {
  if (text === undefined) return [];
  const entries = [];
  for (const item of text.split(',')) {
    const [owner, amount] = item.split(':');
    const cycles = parseCycles(amount ?? '');
    let principal: Principal;
    try {
      principal = Principal.fromText(owner ?? '');
    } catch {
      return `--mint expects <principal>:<cycles>; "${owner}" is not a principal`;
    }
    if (cycles === undefined) return `--mint expects <principal>:<cycles>; got "${item}"`;
    entries.push({ owner: principal, cycles });
  }
  return entries;
}

export function readyLine(url: string, rootKeyHex: string): string {
  return `localnet ready at ${url} (root key ${rootKeyHex.slice(0, 16)}…${rootKeyHex.slice(-16)})`;
}
