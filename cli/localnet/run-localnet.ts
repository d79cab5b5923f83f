import { mkdir, readdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';

import type { Principal } from '@dfinity/principal';

import { mainnetLikeEngineOptions } from '../../localnet/engine/cycles-ledger/mainnet-like.ts';
import type { Engine } from '../../localnet/engine/engine.ts';
import { openDurableEngine } from '../../localnet/engine/persistence/durable-engine.ts';
import { toHex } from '../../localnet/http/bytes.ts';
import { provideDataCertificates } from '../../localnet/http/engine-backend.ts';
import { createHttpServer, type LocalnetHttpServer } from '../../localnet/http/server.ts';
import { durableBackend, restoredStatuses } from './durable-backend.ts';
import { mintCycles } from './ledger-state.ts';
import { LOCK_FILE, lockStateDir, type StateLock } from './state-lock.ts';
import {
  loadOrCreateKeys,
  recoverInterruptedCheckpoint,
  stateLayout,
  type StateLayout,
} from './state-dir.ts';

export const DEFAULT_LOCALNET_PORT = 4943;
export const DEFAULT_STATE_DIR = '.localnet';
const DEFAULT_CHECKPOINT_INTERVAL_MS = 5_000;
/** Canister timers change state all the time; saving hundreds of MB for each tick would never stop. */
const TIMER_ONLY_CHECKPOINT_INTERVAL_MS = 60_000;
const TIMER_POLL_MS = 500;

export interface LocalnetOptions {
  /** 0 picks a free port. */
  port: number;
  stateDir: string;
  /** Deletes the state folder first (new keys, no canisters). */
  clean?: boolean;
  /** How often the network is saved after an update call; default 5 s (changes made only by canister timers: every 60 s). */
  checkpointIntervalMs?: number;
  log?: (line: string) => void;
  /** `--no-provisional`: provisional_* refused as on the IC; the cycles ledger served at its mainnet id. */
  mainnetLike?: boolean;
  /** Mainnet-like only: cycles credited on the cycles ledger at start (local-only minting). */
  mint?: { owner: Principal; cycles: bigint }[];
}

export interface RunningLocalnet {
  readonly url: string;
  readonly port: number;
  readonly rootKeyHex: string;
  readonly layout: StateLayout;
  readonly engine: Engine;
  readonly server: LocalnetHttpServer;
  /** Canisters loaded from the state folder at start. */
  readonly restoredCanisters: number;
  /** Rounds of the write-ahead log run again at start (acknowledged after the last checkpoint). */
  readonly replayedRounds: number;
  /** Saves the network now when anything changed since the last save; true when it wrote. */
  checkpoint(): Promise<boolean>;
  /** Stops serving, saves, and releases the timers. */
  stop(): Promise<void>;
}

/**
 * The local network as a long-running service: locks `stateDir`, restores it (last checkpoint,
 * then the write-ahead log's tail), serves the IC HTTP interface on 127.0.0.1, fires canister
 * timers on the wall clock, and saves a checkpoint every few seconds when an update ran.
 * Every round is in the log before its outcomes are answered: a kill loses nothing acknowledged.
 */
export async function runLocalnet(options: LocalnetOptions): Promise<RunningLocalnet> {
  const log = options.log ?? (() => undefined);
  const layout = stateLayout(options.stateDir);
  await mkdir(layout.root, { recursive: true });
  const lock = await lockStateDir(layout.root);
  try {
    return await startLocked(options, layout, log, lock);
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startLocked(
  options: LocalnetOptions,
  layout: StateLayout,
  log: (line: string) => void,
  lock: StateLock,
): Promise<RunningLocalnet> {
  if (options.clean) await cleanStateDir(layout);
  const recovered = await recoverInterruptedCheckpoint(layout);
  if (recovered) log(`recovered the checkpoint interrupted by a kill (${recovered})`);
  const { keys } = await loadOrCreateKeys(layout);

  const durable = await openDurableEngine({
    cacheDir: layout.cacheDir,
    checkpointDir: layout.checkpointDir,
    walDir: layout.walDir,
    ...(options.mainnetLike ? mainnetLikeEngineOptions() : {}),
  });
  const { engine, replay } = durable;
  if (replay.replayed > 0 || replay.droppedTornRecords > 0)
    log(
      `write-ahead log: ${replay.replayed} round(s) replayed` +
        (replay.droppedTornRecords > 0
          ? `, ${replay.droppedTornRecords} torn record(s) dropped`
          : ''),
    );
  // Minting is no message: the ledger's balances are saved at once with a checkpoint.
  if (options.mint?.length) {
    mintCycles(engine, options.mint);
    await durable.checkpoint();
  }

  // Change counters: an acknowledged ingress message or a timer round since the last save.
  const changes = { ingress: 0, timers: 0 };
  const saved = { ingress: 0, timers: 0, at: performance.now() };
  const backend = durableBackend(durable, () => changes.ingress++);
  const server = await createHttpServer({
    backend,
    keys,
    port: options.port,
    statuses: restoredStatuses(durable),
  }).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    throw new Error(
      `LOCALNET_PORT_IN_USE: expected 127.0.0.1:${options.port} to be free; another process listens there (stop it or pass --port)`,
    );
  });
  await lock.setPort(server.port);
  provideDataCertificates(engine, server);

  let saving: Promise<boolean> | undefined;
  const checkpoint = async (policy: 'any-change' | 'periodic' = 'any-change') => {
    while (saving) await saving;
    const ingressDirty = changes.ingress !== saved.ingress;
    const timersDirty = changes.timers !== saved.timers;
    const timersDue = performance.now() - saved.at >= TIMER_ONLY_CHECKPOINT_INTERVAL_MS;
    if (!ingressDirty && !(timersDirty && (policy === 'any-change' || timersDue))) return false;
    saving = (async () => {
      const at = { ...changes };
      const started = performance.now();
      // The crash drill kills the network at this moment (a kill inside a checkpoint).
      if (process.env.LOCALNET_TRACE_CHECKPOINTS) log('checkpoint started');
      await durable.checkpoint();
      Object.assign(saved, at, { at: performance.now() });
      log(
        `checkpoint saved: ${engine.canisters.size} canister(s) in ${Math.round(performance.now() - started)} ms`,
      );
      return true;
    })().finally(() => (saving = undefined));
    return saving;
  };

  let ticking = false;
  const fireTimers = async () => {
    if (ticking || !hasTimerWork(engine)) return;
    ticking = true;
    try {
      await durable.rounds.submit({ kind: 'timers' });
      changes.timers++;
    } finally {
      ticking = false;
    }
  };

  const report = (error: unknown) =>
    log(`localnet: ${error instanceof Error ? error.message : String(error)}`);
  const timerLoop = setInterval(() => void fireTimers().catch(report), TIMER_POLL_MS);
  const checkpointLoop = setInterval(() => {
    if (!saving) void checkpoint('periodic').catch(report);
  }, options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS);

  return {
    url: server.url,
    port: server.port,
    rootKeyHex: toHex(server.rootKeyDer),
    layout,
    engine,
    server,
    restoredCanisters: engine.canisters.size,
    replayedRounds: replay.replayed,
    checkpoint: () => checkpoint(),
    async stop() {
      clearInterval(timerLoop);
      clearInterval(checkpointLoop);
      await server.close();
      await durable.rounds.drain();
      await checkpoint();
      await durable.close();
      await lock.release();
    },
  };
}

/** Deletes what `--clean` resets (keys, state, log), never the lock this process holds. */
async function cleanStateDir(layout: StateLayout): Promise<void> {
  for (const entry of await readdir(layout.root)) {
    if (entry !== LOCK_FILE && entry !== basename(layout.cacheDir))
      await rm(join(layout.root, entry), { recursive: true, force: true });
  }
}

function hasTimerWork(engine: Engine): boolean {
  const now = engine.time();
  for (const canister of engine.canisters.values()) {
    if (canister.status !== 'running' || !canister.module) continue;
    if (canister.globalTimer !== 0n && canister.globalTimer <= now) return true;
    if (canister.exports('canister_heartbeat')) return true;
  }
  return false;
}
