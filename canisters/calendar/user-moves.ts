import { CanisterError, type StableStore } from '../../core/index.ts';

/**
 * A user's data moving between shards (the load balancer's migration): `out` on the source while
 * it is copied (the user's calendars take no writes), `in` on the target until the load balancer
 * has verified the copy and switched the placement (writes wait there too), `moved` on the source
 * once its copy is deleted (writes are refused with the new shard named). `numbers` maps the
 * source's calendar numbers to the target's (a number the target already used is renumbered).
 */
export interface MoveRecord {
  direction: 'out' | 'in' | 'moved';
  peer: string;
  numbers: [number, number][];
}

export type MoveStore = StableStore<MoveRecord>;

/** Refuses a write to `owner`'s calendars while they move or after they moved away. */
export function assertWritable(moves: MoveStore | undefined, owner: string): void {
  const move = moves?.get(owner);
  if (move === undefined) return;
  if (move.direction === 'moved') {
    throw new CanisterError(
      'CALENDAR_MOVED',
      `this user's calendars moved to the shard ${move.peer}; ask the load balancer's route again`,
      { found: move.peer },
    );
  }
  throw new CanisterError(
    'CALENDAR_MOVING',
    "this user's calendars are being moved to another shard; try again in a minute",
    { found: `${move.direction} ${move.peer}` },
  );
}

/** Refuses any call about `owner`'s calendars once they moved away (CALENDAR_MOVED). */
export function movedAway(moves: MoveStore | undefined, owner: string): void {
  if (moves?.get(owner)?.direction === 'moved') assertWritable(moves, owner);
}

/** A move call out of order (no move started, another peer, a target that holds the user's data). */
export function moveInvalid(message: string, expected: string, found: string): CanisterError {
  return new CanisterError('MOVE_INVALID', message, { expected, found });
}
