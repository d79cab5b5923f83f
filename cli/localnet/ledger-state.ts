import type { Principal } from '@dfinity/principal';

import { cyclesLedgerOf } from '../../localnet/engine/cycles-ledger/mainnet-like.ts';
import type { Engine } from '../../localnet/engine/engine.ts';

/**
 * `--mint <principal>:<cycles>`: credits cycles on a mainnet-like network's cycles ledger. Local
 * only: no message reaches this, as no message can mint cycles on the IC.
 */
export function mintCycles(engine: Engine, grants: { owner: Principal; cycles: bigint }[]): void {
  const ledger = cyclesLedgerOf(engine);
  if (!ledger) throw new Error('LOCALNET_MINT_NEEDS_LEDGER: --mint needs --no-provisional');
  for (const { owner, cycles } of grants) ledger.mint(owner, cycles);
}
