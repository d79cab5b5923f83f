import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
  cyclesLedgerOf,
  type CyclesLedger,
} from '../../localnet/engine/cycles-ledger/mainnet-like.ts';
import type { Engine } from '../../localnet/engine/engine.ts';
import { writeFileAtomically, type StateLayout } from './state-dir.ts';

const ledgerFile = (layout: StateLayout) => join(layout.root, 'cycles-ledger.json');

/** Loads a mainnet-like network's cycles ledger balances saved in the state folder. */
export async function restoreLedger(
  engine: Engine,
  layout: StateLayout,
): Promise<CyclesLedger | undefined> {
  const ledger = cyclesLedgerOf(engine);
  if (ledger && existsSync(ledgerFile(layout))) {
    ledger.restore(JSON.parse(await readFile(ledgerFile(layout), 'utf8')));
  }
  return ledger;
}

export async function saveLedger(engine: Engine, layout: StateLayout): Promise<void> {
  const ledger = cyclesLedgerOf(engine);
  if (ledger) await writeFileAtomically(ledgerFile(layout), JSON.stringify(ledger.toJSON()));
}
