import { LIVE_INPUTS, type NondeterministicInputs } from '../nondeterministic-inputs.ts';
import type { ExternalResponse } from './round-record.ts';

/** Hands out live values and keeps them, in order, for the round's log record. */
export class RecordingInputs implements NondeterministicInputs {
  readonly random: Uint8Array[] = [];
  readonly responses: ExternalResponse[] = [];

  randomBytes(size: number): Uint8Array {
    const bytes = LIVE_INPUTS.randomBytes(size);
    this.random.push(bytes);
    return bytes;
  }

  async external(kind: string, fetch: () => Promise<Uint8Array>): Promise<Uint8Array> {
    const bytes = await fetch();
    this.responses.push({ kind, bytes });
    return bytes;
  }
}

/** Hands back the values a logged round used; asking for more or other ones is a replay bug. */
export class ReplayedInputs implements NondeterministicInputs {
  private nextRandom = 0;
  private nextExternal = 0;

  constructor(
    private readonly random: readonly Uint8Array[],
    private readonly responses: readonly ExternalResponse[],
    private readonly seq: number,
  ) {}

  randomBytes(size: number): Uint8Array {
    const bytes = this.random[this.nextRandom++];
    if (!bytes || bytes.length !== size) throw this.diverged(`${size} random bytes`);
    return bytes;
  }

  external(kind: string): Promise<Uint8Array> {
    const response = this.responses[this.nextExternal++];
    if (!response || response.kind !== kind) throw this.diverged(`a ${kind} response`);
    return Promise.resolve(response.bytes);
  }

  private diverged(wanted: string): Error {
    return new Error(
      `LOCALNET_REPLAY_DIVERGED: round ${this.seq} asked for ${wanted} that its log record does not hold`,
    );
  }
}
