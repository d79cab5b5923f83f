import type { Engine } from '../engine.ts';
import type { IngressHistory } from './ingress-history.ts';
import { ReplayedInputs } from './recorded-inputs.ts';
import type { RoundClock } from './round-clock.ts';
import { executeRound } from './round-execution.ts';
import { decodeRound } from './round-record.ts';
import type { WriteAheadLog } from './write-ahead-log.ts';

export interface ReplaySummary {
  /** Rounds run again (those after the checkpoint). */
  replayed: number;
  /** The sequence number of the last round now in the engine. */
  lastSeq: number;
  /** Segments whose torn last record was dropped (never acknowledged: its fsync never ended). */
  droppedTornRecords: number;
}

/**
 * Runs again every logged round after `afterSeq` (the checkpoint's last round), in order, with
 * the logged times and nondeterministic values. Stops at a gap in the sequence (records past it
 * cannot follow from the state) and says so through `droppedTornRecords`.
 */
export async function replayLog(
  engine: Engine,
  clock: RoundClock,
  wal: WriteAheadLog,
  history: IngressHistory,
  afterSeq: number,
): Promise<ReplaySummary> {
  const { records, dropped } = await wal.readAll();
  let lastSeq = afterSeq;
  let replayed = 0;
  let gaps = 0;
  for (const bytes of records) {
    const round = decodeRound(bytes);
    if (round.seq <= lastSeq) continue;
    if (round.seq !== lastSeq + 1) {
      gaps++;
      break;
    }
    const inputs = new ReplayedInputs(round.random, round.external, round.seq);
    await executeRound(engine, clock, round, inputs, history);
    lastSeq = round.seq;
    replayed++;
  }
  return { replayed, lastSeq, droppedTornRecords: dropped + gaps };
}
