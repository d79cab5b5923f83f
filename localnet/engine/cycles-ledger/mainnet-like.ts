import type { Engine, EngineOptions } from '../engine.ts';
import { CYCLES_LEDGER_ID, CyclesLedger } from './cycles-ledger.ts';

export { CyclesLedger };

/**
 * Engine options of a mainnet-like network: no provisional_* management methods (as on the IC),
 * and the cycles ledger at its mainnet id, the way a dfx local network serves the real one.
 */
export function mainnetLikeEngineOptions(): Pick<EngineOptions, 'provisional' | 'systemCanisters'> {
  return { provisional: false, systemCanisters: [new CyclesLedger()] };
}

/** The cycles ledger the engine serves, when it is mainnet-like. */
export function cyclesLedgerOf(engine: Engine): CyclesLedger | undefined {
  const ledger = engine.systemCanisters.get(CYCLES_LEDGER_ID.toText());
  return ledger instanceof CyclesLedger ? ledger : undefined;
}
