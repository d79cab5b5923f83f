import { Engine, type EngineOptions } from '../engine.ts';
import {
  captureCheckpoint,
  restoreEngine,
  writeCheckpoint,
  type CheckpointImages,
} from './checkpoint.ts';
import { DurableRounds } from './durable-rounds.ts';
import { IngressHistory } from './ingress-history.ts';
import { replayLog, type ReplaySummary } from './replay-log.ts';
import { RoundClock } from './round-clock.ts';
import { WriteAheadLog } from './write-ahead-log.ts';

const HISTORY_FILE = 'ingress-history';
const systemStateFile = (canisterId: string) => `system-${canisterId}`;

export interface DurableEngineOptions extends Omit<EngineOptions, 'clock'> {
  /** The checkpoint folder (state.json, blobs/). */
  checkpointDir: string;
  /** The write-ahead log folder (segment-*.wal). */
  walDir: string;
  roundWindowMs?: number;
  roundBudgetMs?: number;
}

export interface DurableEngine {
  readonly engine: Engine;
  readonly rounds: DurableRounds;
  readonly wal: WriteAheadLog;
  /** Outcomes of recent ingress messages, restored with the state (duplicate detection). */
  readonly history: IngressHistory;
  readonly replay: ReplaySummary;
  /** Saves the state and truncates the log; resolves once both are on disk. */
  checkpoint(): Promise<void>;
  /** Runs what was submitted, flushes the log, and closes it. */
  close(): Promise<void>;
}

/**
 * An engine whose every acknowledged update survives a kill: loads the last checkpoint, runs
 * the log's tail again, then logs every round before its outcomes are handed out.
 */
export async function openDurableEngine(options: DurableEngineOptions): Promise<DurableEngine> {
  const clock = new RoundClock();
  const engine = new Engine({ ...options, clock });
  // The images learn the restored memories, so the first checkpoint compares only what changed.
  const images: CheckpointImages = new Map();
  const restored = await restoreEngine(engine, options.checkpointDir, options.cacheDir, images);
  clock.followWallClock();
  const history = IngressHistory.decode(restored?.files[HISTORY_FILE]);
  for (const [id, canister] of engine.systemCanisters) {
    const state = restored?.files[systemStateFile(id)];
    if (state && canister.loadState) canister.loadState(state);
  }
  const wal = await WriteAheadLog.open(options.walDir);
  const replay = await replayLog(engine, clock, wal, history, restored?.lastRound ?? 0);
  // A fresh segment: appends never follow a torn record of an earlier run.
  await wal.startSegment(replay.lastSeq + 1);
  const rounds = new DurableRounds(engine, clock, wal, history, replay.lastSeq, {
    windowMs: options.roundWindowMs,
    roundBudgetMs: options.roundBudgetMs,
  });
  let saving: Promise<unknown> = Promise.resolve();
  // Rounds wait only for the capture (changed pages copied between two rounds); the files are
  // written while the network runs on. The log is truncated once the checkpoint is on disk.
  const checkpoint = () => {
    const job = saving.then(async () => {
      const { captured, lastRound } = await rounds.exclusive(async () => {
        const lastRound = rounds.lastSeq;
        await wal.startSegment(lastRound + 1);
        history.prune(clock.now());
        const files: Record<string, Uint8Array | Uint8Array[]> = {
          [HISTORY_FILE]: history.encodeParts(),
        };
        for (const [id, canister] of engine.systemCanisters) {
          if (canister.saveState) files[systemStateFile(id)] = canister.saveState();
        }
        return { lastRound, captured: captureCheckpoint(engine, { lastRound, files }, images) };
      });
      try {
        await writeCheckpoint(captured, options.checkpointDir);
      } catch (error) {
        // The images may name files that never reached the disk: compare whole memories next time.
        images.clear();
        throw error;
      }
      await wal.removeSegmentsBefore(lastRound + 1);
    });
    saving = job.catch(() => undefined);
    return job;
  };
  return {
    engine,
    rounds,
    wal,
    history,
    replay,
    checkpoint,
    async close() {
      await rounds.drain();
      await wal.close();
    },
  };
}
