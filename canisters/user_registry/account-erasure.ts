import {
  IDL,
  type Platform,
  Principal,
  type ResultValue,
  type StableStore,
  type TimerId,
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
  /** calendar canisters still to finish (continued by a timer) */
  pending: Principal[];
  /** some shard answered "not done yet": the next batch may follow at once */
  more: boolean;
}

/** Users whose next batch one timer message starts. */
const USERS_PER_STEP = 5;

/**
 * Asks every calendar shard to erase a deleted account's data, one bounded batch per shard per
 * message: `delete_my_account` runs the first batch, a timer runs each next one as its own
 * message, so no message's work grows with the user's data. The pending list is stored first; a
 * shard that fails waits for the 5-minute retry instead of being called in a loop.
 */
export class AccountErasure {
  private nextStep: TimerId | undefined;

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

  progressOf(user: string): PendingErasure | undefined {
    return this.pending.get(user);
  }

  /** One batch on each shard still pending for the user; arms the next step when more remains. */
  async step(user: string): Promise<ErasureOutcome> {
    const outcome: ErasureOutcome = { calendars: 0, events: 0, pending: [], more: false };
    const work = this.pending.get(user);
    if (work === undefined) return outcome;
    const batches = work.canisters.map(async (canister) => {
      try {
        const progress = await this.eraseOn(Principal.fromText(canister), user);
        outcome.calendars += progress.calendars;
        outcome.events += progress.events;
        if (progress.done) return;
        outcome.more = true;
      } catch {
        // left pending for the retry timer
      }
      outcome.pending.push(Principal.fromText(canister));
    });
    await Promise.all(batches);
    // Re-read after the awaits: another message may have changed the entry meanwhile.
    if (outcome.pending.length === 0) this.pending.delete(user);
    else if (this.pending.has(user)) {
      this.pending.set(user, { ...work, canisters: outcome.pending.map((p) => p.toText()) });
    }
    if (outcome.more) this.continueSoon();
    return outcome;
  }

  /** The next batch of a few pending erasures (retry timer, and the step after a partial batch). */
  async stepPending(limit = USERS_PER_STEP): Promise<void> {
    for (const [user] of this.pending.page(0, limit).entries) await this.step(String(user));
  }

  private continueSoon(): void {
    if (this.nextStep !== undefined) return;
    this.nextStep = this.platform.setTimer(0, () => {
      this.nextStep = undefined;
      return this.stepPending();
    });
  }

  private async eraseOn(canister: Principal, user: string): Promise<Progress> {
    const reply = await this.platform.call<ResultValue<Progress>>(canister, ERASE_METHOD, {
      paramIdlTypes: [IDL.Principal],
      returnIdlType: ErasureReply,
      args: [Principal.fromText(user)],
    });
    if ('Err' in reply) throw new Error(`${reply.Err.code}: ${reply.Err.message}`);
    return reply.Ok;
  }
}
