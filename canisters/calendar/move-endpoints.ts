import { allow, IDL, inject, Principal, query, update } from '../../core/index.ts';
import {
  ErasureResult,
  MoveCountResult,
  MoveDoneResult,
  MovePageResult,
  MoveView,
} from './calendar-idl.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';

/**
 * A user's data moving between shards, step by step, called by the load balancer (an admin of
 * every shard) during a migration it runs for a controller. See user-move-service.ts.
 */
export class MoveEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  /** Source: freezes the user's calendars here for a move to `to`. */
  @update([IDL.Principal, IDL.Principal], MoveDoneResult)
  @allow('admin')
  move_user_out(user: Principal, to: Principal) {
    this.service.moves.begin(user.toText(), to.toText());
    return null;
  }

  /** Source: gives the move up before the switch; the user writes here again. */
  @update([IDL.Principal], MoveDoneResult)
  @allow('admin')
  cancel_move_out(user: Principal) {
    this.service.moves.cancel(user.toText());
    return null;
  }

  /** A page of the user's data as the source numbers it (source: to copy; both: to verify). */
  @update([IDL.Principal, IDL.Opt(IDL.Text)], MovePageResult)
  @allow('admin')
  export_user_data(user: Principal, cursor: [] | [string]) {
    const page = this.service.moves.export(user.toText(), cursor[0]);
    return { items: page.items, next: page.next === undefined ? [] : [page.next] };
  }

  /** Target: stores a page of the source's export. */
  @update([IDL.Principal, IDL.Principal, IDL.Vec(IDL.Vec(IDL.Nat8))], MoveCountResult)
  @allow('admin')
  import_user_data(user: Principal, from: Principal, items: Uint8Array[]) {
    return this.service.moves.import(user.toText(), from.toText(), items);
  }

  /** Target, after the switch: the user's calendars take writes here. */
  @update([IDL.Principal], MoveDoneResult)
  @allow('admin')
  release_moved_user(user: Principal) {
    this.service.moves.release(user.toText());
    return null;
  }

  /** Source after the switch, or target of a move given up: removes the copy in bounded batches. */
  @update([IDL.Principal], ErasureResult)
  @allow('admin')
  remove_user_copy(user: Principal) {
    return this.service.moves.removeCopy(user.toText());
  }

  @query([IDL.Principal], IDL.Opt(MoveView))
  @allow('public')
  get_user_move(user: Principal) {
    const move = this.service.moves.get(user.toText());
    return move === undefined
      ? []
      : [{ direction: move.direction, peer: Principal.fromText(move.peer) }];
  }
}
