import { rm } from 'node:fs/promises';

import type { Principal } from '@dfinity/principal';

import { mainnetLikeEngineOptions } from '../../localnet/engine/cycles-ledger/mainnet-like.ts';
import { Engine } from '../../localnet/engine/engine.ts';
import { checkpointEngine, restoreEngine } from '../../localnet/engine/persistence/checkpoint.ts';
import { toHex } from '../../localnet/http/bytes.ts';
import { engineBackend, provideDataCertificates } from '../../localnet/http/engine-backend.ts';
import { createHttpServer, type LocalnetHttpServer } from '../../localnet/http/server.ts';
import { restoreLedger, saveLedger } from './ledger-state.ts';
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
  /** Saves the network now when anything changed since the last save; true when it wrote. */
  checkpoint(): Promise<boolean>;
  /** Stops serving, saves, and releases the timers. */
  stop(): Promise<void>;
}

/**
 * The local network as a long-running service: restores `stateDir`, serves the IC HTTP
 * interface on 127.0.0.1, fires canister timers on the wall clock, and saves the state
 * every few seconds when an update ran (a kill loses at most that interval).
 */
export async function runLocalnet(options: LocalnetOptions): Promise<RunningLocalnet> {
  const log = options.log ?? (() => undefined);
  const layout = stateLayout(options.stateDir);
  if (options.clean) await rm(layout.root, { recursive: true, force: true });
  const recovered = await recoverInterruptedCheckpoint(layout);
  if (recovered) log(`recovered the checkpoint interrupted by a kill (${recovered})`);
  const { keys } = await loadOrCreateKeys(layout);

  const engine = new Engine({
    cacheDir: layout.cacheDir,
    ...(options.mainnetLike ? mainnetLikeEngineOptions() : {}),
  });
  await restoreEngine(engine, layout.checkpointDir, layout.cacheDir);
  const ledger = await restoreLedger(engine, layout);
  for (const { owner, cycles } of options.mint ?? []) {
    if (!ledger) throw new Error('LOCALNET_MINT_NEEDS_LEDGER: --mint needs --no-provisional');
    ledger.mint(owner, cycles);
  }
  if (options.mint?.length) await saveLedger(engine, layout);
  engine.clock.followWallClock();

  // Change counters: an update call counts when it starts and when it ends, a timer round once.
  const changes = { ingress: 0, timers: 0 };
  const saved = { ingress: 0, timers: 0, at: performance.now() };
  const backend = engineBackend(engine);
  const submitIngress = backend.submitIngress.bind(backend);
  backend.submitIngress = async (call) => {
    changes.ingress++;
    try {
      return await submitIngress(call);
    } finally {
      changes.ingress++;
    }
  };
  const server = await createHttpServer({ backend, keys, port: options.port }).catch(
    (error: unknown) => {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      throw new Error(
        `LOCALNET_PORT_IN_USE: expected 127.0.0.1:${options.port} to be free; another process listens there (stop it or pass --port)`,
      );
    },
  );
  provideDataCertificates(engine, server);

  // One job at a time: a timer round never runs while a checkpoint reads the state.
  let queue: Promise<unknown> = Promise.resolve();
  const serially = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };

  const checkpoint = (policy: 'any-change' | 'periodic' = 'any-change') =>
    serially(async () => {
      const ingressDirty = changes.ingress !== saved.ingress;
      const timersDirty = changes.timers !== saved.timers;
      const timersDue = performance.now() - saved.at >= TIMER_ONLY_CHECKPOINT_INTERVAL_MS;
      if (!ingressDirty && !(timersDirty && (policy === 'any-change' || timersDue))) return false;
      const at = { ...changes };
      const started = performance.now();
      await checkpointEngine(engine, layout.checkpointDir);
      await saveLedger(engine, layout);
      Object.assign(saved, at, { at: performance.now() });
      log(
        `checkpoint saved: ${engine.canisters.size} canister(s) in ${Math.round(performance.now() - started)} ms`,
      );
      return true;
    });

  const fireTimers = () =>
    serially(async () => {
      if (!hasTimerWork(engine)) return;
      changes.timers++;
      await engine.tick();
    });

  const report = (error: unknown) =>
    log(`localnet: ${error instanceof Error ? error.message : String(error)}`);
  const timerLoop = setInterval(() => void fireTimers().catch(report), TIMER_POLL_MS);
  let periodicRunning = false;
  const checkpointLoop = setInterval(() => {
    if (periodicRunning) return;
    periodicRunning = true;
    void checkpoint('periodic')
      .catch(report)
      .finally(() => (periodicRunning = false));
  }, options.checkpointIntervalMs ?? DEFAULT_CHECKPOINT_INTERVAL_MS);

  return {
    url: server.url,
    port: server.port,
    rootKeyHex: toHex(server.rootKeyDer),
    layout,
    engine,
    server,
    restoredCanisters: engine.canisters.size,
    checkpoint: () => checkpoint(),
    async stop() {
      clearInterval(timerLoop);
      clearInterval(checkpointLoop);
      await server.close();
      await checkpoint();
    },
  };
}

function hasTimerWork(engine: Engine): boolean {
  const now = engine.time();
  for (const canister of engine.canisters.values()) {
    if (canister.status !== 'running' || !canister.runtime) continue;
    if (canister.globalTimer !== 0n && canister.globalTimer <= now) return true;
    if (canister.runtime.hasExport('canister_heartbeat')) return true;
  }
  return false;
}
