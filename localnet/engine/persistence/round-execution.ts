import { Principal } from '@dfinity/principal';

import type { Engine } from '../engine.ts';
import type { NondeterministicInputs } from '../nondeterministic-inputs.ts';
import type { IngressHistory } from './ingress-history.ts';
import type { RoundClock } from './round-clock.ts';
import type { RoundInput, RoundOutcome } from './round-record.ts';

/**
 * Runs one round's inputs one after another at one pinned time, with the given source of
 * randomness and outside responses. Live rounds and replays both go through here, which is
 * what makes a replay reach the state the live round reached. With `untilMs` (a
 * `performance.now()` deadline), a live round stops after the input during which it passed:
 * the outcomes then cover a prefix of the inputs, and only that prefix is the round.
 */
export async function executeRound(
  engine: Engine,
  clock: RoundClock,
  round: { timeNs: bigint; inputs: readonly RoundInput[] },
  inputs: NondeterministicInputs,
  history: IngressHistory,
  untilMs = Infinity,
): Promise<RoundOutcome[]> {
  const previous = engine.inputs;
  clock.pin(round.timeNs);
  engine.inputs = inputs;
  const outcomes: RoundOutcome[] = [];
  try {
    for (const input of round.inputs) {
      if (outcomes.length > 0 && performance.now() >= untilMs) break;
      if (input.kind === 'timers') {
        await engine.tick();
        outcomes.push(undefined);
        continue;
      }
      const outcome = await engine.update({
        sender: Principal.fromUint8Array(input.sender),
        canisterId: Principal.fromUint8Array(input.canisterId),
        method: input.method,
        arg: input.arg,
      });
      if (input.request) history.add({ ...input.request, sender: input.sender, outcome });
      outcomes.push(outcome);
    }
  } finally {
    engine.inputs = previous;
    clock.unpin();
  }
  return outcomes;
}
