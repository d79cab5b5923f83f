import { Principal } from '@dfinity/principal';

import { failUsage, type Command } from '../commands.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { formatCycles, parseCycles } from './cycles-amount.ts';
import { ledgerBalance, topUpCanister } from './cycles-ledger-client.ts';
import {
  NETWORK_FLAGS,
  NETWORK_OPTIONS,
  NETWORK_USAGE,
  openNetworkSession,
} from './network-session.ts';

const USAGE = `topup <canister|all> --cycles <amount> ${NETWORK_USAGE}`;

/** `icp-calendar topup`: sends cycles from the deployer's cycles ledger balance to canisters. */
export const topupCommand: Command = {
  name: 'topup',
  usage: USAGE,
  summary: 'top canisters up from your cycles ledger balance (withdraw to the canister)',
  options: {
    '--cycles <amount>': 'cycles for each canister, e.g. 0.5T',
    ...NETWORK_OPTIONS,
  },
  async run(argv) {
    const parsed = parseFlags(argv, { ...NETWORK_FLAGS, cycles: 'string' });
    const fail = (problem: string) => failUsage({ name: 'topup', usage: USAGE }, problem);
    if (!parsed.ok) return fail(parsed.message);
    const [which] = parsed.positionals;
    if (which === undefined || parsed.positionals.length > 1)
      return fail('expected one canister name, id, or "all"');
    const cycles = parseCycles((parsed.values.cycles as string | undefined) ?? '');
    if (cycles === undefined || cycles === 0n)
      return fail('--cycles expects an amount like 1T or 1000000000000');
    const log = (line: string) => process.stdout.write(`${line}\n`);
    try {
      const session = await openNetworkSession(parsed.values);
      const targets =
        which === 'all'
          ? Object.entries(session.ids)
          : [[which, session.ids[which] ?? Principal.fromText(which).toText()] as const];
      const before = await ledgerBalance(session.agent);
      for (const [name, id] of targets) {
        const block = await topUpCanister(session.agent, Principal.fromText(id), cycles);
        log(`topup ${name} (${id}): +${formatCycles(cycles)} (ledger block ${block})`);
      }
      const after = await ledgerBalance(session.agent);
      log(`cycles ledger balance: ${formatCycles(before)} → ${formatCycles(after)}`);
      return 0;
    } catch (error) {
      process.stderr.write(`icp-calendar topup: ${(error as Error).message}\n`);
      return 1;
    }
  },
};
