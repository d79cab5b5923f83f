import type { Engine } from '../engine.ts';
import type { IngressHistory } from './ingress-history.ts';
import { RecordingInputs } from './recorded-inputs.ts';
import type { RoundClock } from './round-clock.ts';
import { executeRound } from './round-execution.ts';
import { encodeRound, type RoundInput, type RoundOutcome } from './round-record.ts';
import type { WriteAheadLog } from './write-ahead-log.ts';

interface Waiting {
  input: RoundInput;
  resolve(outcome: RoundOutcome): void;
  reject(error: unknown): void;
}

export interface DurableRoundsOptions {
  /** How long a round collects inputs before it runs (default 2 ms). */
  windowMs?: number;
  /**
   * How long a round executes before the inputs left wait for the next one (default 1 ms), so
   * queries and other requests are served between rounds under load. Against 4 ms, it cut the
   * query latency max under 16 writers from 35–74 ms to 33–47 ms, for ~10 % fewer updates/s.
   */
  roundBudgetMs?: number;
}

/**
 * Ingress messages and timer ticks run in rounds: the inputs that arrive within a few ms run
 * together at one time, the round's record (inputs, time, randomness, outside responses) is
 * appended to the write-ahead log, and only after the log's fsync do their callers get the
 * outcomes. So an outcome a client saw is always on disk. The next round may execute while
 * the previous one's fsync runs; its outcomes wait for their own (later) fsync.
 */
export class DurableRounds {
  private waiting: Waiting[] = [];
  private timer: NodeJS.Timeout | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  private readonly windowMs: number;
  private readonly roundBudgetMs: number;
  rounds = 0;

  constructor(
    private readonly engine: Engine,
    private readonly clock: RoundClock,
    private readonly wal: WriteAheadLog,
    private readonly history: IngressHistory,
    /** The sequence number of the last round whose effects are in the engine. */
    public lastSeq: number,
    options: DurableRoundsOptions = {},
  ) {
    this.windowMs = options.windowMs ?? 2;
    this.roundBudgetMs = options.roundBudgetMs ?? 1;
  }

  /** Runs `input` in the next round; resolves with its outcome once the round is on disk. */
  submit(input: RoundInput): Promise<RoundOutcome> {
    return new Promise((resolve, reject) => {
      this.waiting.push({ input, resolve, reject });
      this.scheduleRound(this.windowMs);
    });
  }

  /** Runs the next round after `delayMs`, unless one is already scheduled. */
  private scheduleRound(delayMs: number): void {
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      void this.serially(() => this.runRound());
    }, delayMs);
  }

  /** Runs `job` between rounds (checkpoints read a state no round is changing). */
  exclusive<T>(job: () => Promise<T>): Promise<T> {
    return this.serially(job);
  }

  /** Waits for every submitted input to be executed and on disk. */
  async drain(): Promise<void> {
    // A round out of time leaves inputs (and a timer) for the next: run rounds until none is left.
    while (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
      await this.serially(() => this.runRound());
    }
    await this.serially(() => Promise.resolve());
    await this.wal.flush();
  }

  private async runRound(): Promise<void> {
    let batch = this.waiting.splice(0);
    if (batch.length === 0) return;
    const recording = new RecordingInputs();
    const timeNs = this.clock.nextRoundTime();
    let outcomes: RoundOutcome[];
    try {
      outcomes = await executeRound(
        this.engine,
        this.clock,
        { timeNs, inputs: batch.map((w) => w.input) },
        recording,
        this.history,
        performance.now() + this.roundBudgetMs,
      );
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    if (outcomes.length < batch.length) {
      // Out of time: the rest run in a round of their own once pending I/O had its turn.
      this.waiting.unshift(...batch.slice(outcomes.length));
      batch = batch.slice(0, outcomes.length);
      this.scheduleRound(0);
    }
    const inputs = batch.map((w) => w.input);
    const seq = ++this.lastSeq;
    this.rounds++;
    this.wal.append(
      encodeRound({
        seq,
        timeNs,
        inputs,
        random: recording.random,
        external: recording.responses,
      }),
    );
    this.wal.flush().then(
      () => batch.forEach((w, n) => w.resolve(outcomes[n])),
      (error: unknown) => batch.forEach((w) => w.reject(error)),
    );
  }

  private serially<T>(job: () => Promise<T>): Promise<T> {
    const next = this.chain.then(job, job);
    this.chain = next.catch(() => undefined);
    return next;
  }
}
