import {
  IDL,
  type Platform,
  Principal,
  type ResultValue,
  type StableStore,
} from '../../core/index.ts';
import type { PendingErasure } from './profile-model.ts';

/** The one calendar method called: `erase_user_data : (principal) -> (Result(ErasureProgress))`. */
export const ERASE_METHOD = 'erase_user_data';
const ErasureReply = IDL.Variant({
  Ok: IDL.Record({ calendars: IDL.Nat32, events: IDL.Nat32, done: IDL.Bool }),
  Err: IDL.Record({ code: IDL.Text, message: IDL.Text }),
});
type Progress = { calendars: number; events: number; done: boolean };

export interface ErasureOutcome {
  calendars: number;
  events: number;
  /** calendar canisters still to finish (retried by a timer) */
  pending: Principal[];
}

const MAX_ROUNDS_PER_CANISTER = 50;

/**
 * Asks every calendar shard to erase a deleted account's data. The pending list is stored first,
 * so a failed or interrupted erasure is retried by the timer; calendar shards are our own canisters.
 */
export class AccountErasure {
  constructor(
    private readonly platform: Platform,
    private readonly pending: StableStore<PendingErasure>,
    private readonly settings: StableStore<string[]>,
  ) {}

  calendarCanisters(): string[] {
    return this.settings.get('calendar-canisters') ?? [];
  }

  setCalendarCanisters(canisters: string[]): string[] {
    this.settings.set('calendar-canisters', canisters);
    return canisters;
  }

  schedule(user: string): void {
    this.pending.set(user, {
      canisters: this.calendarCanisters(),
      requestedAt: this.platform.time(),
    });
  }

  async run(user: string): Promise<ErasureOutcome> {
    const outcome: ErasureOutcome = { calendars: 0, events: 0, pending: [] };
    const work = this.pending.get(user);
    if (work === undefined) return outcome;
    for (const canister of work.canisters) {
      try {
        const progress = await this.eraseOn(Principal.fromText(canister), user);
        outcome.calendars += progress.calendars;
        outcome.events += progress.events;
        if (!progress.done) outcome.pending.push(Principal.fromText(canister));
      } catch {
        outcome.pending.push(Principal.fromText(canister));
      }
    }
    // Re-read after the awaits: another message may have changed the entry meanwhile.
    if (outcome.pending.length === 0) this.pending.delete(user);
    else if (this.pending.has(user)) {
      this.pending.set(user, { ...work, canisters: outcome.pending.map((p) => p.toText()) });
    }
    return outcome;
  }

  /** Retries a few pending erasures (timer). */
  async retryPending(limit = 5): Promise<void> {
    for (const [user] of this.pending.page(0, limit).entries) await this.run(String(user));
  }

  private async eraseOn(canister: Principal, user: string): Promise<Progress> {
    const total: Progress = { calendars: 0, events: 0, done: false };
    for (let round = 0; round < MAX_ROUNDS_PER_CANISTER && !total.done; round++) {
      const reply = await this.platform.call<ResultValue<Progress>>(canister, ERASE_METHOD, {
        paramIdlTypes: [IDL.Principal],
        returnIdlType: ErasureReply,
        args: [Principal.fromText(user)],
      });
      if ('Err' in reply) throw new Error(`${reply.Err.code}: ${reply.Err.message}`);
      total.calendars += reply.Ok.calendars;
      total.events += reply.Ok.events;
      total.done = reply.Ok.done;
    }
    return total;
  }
}
