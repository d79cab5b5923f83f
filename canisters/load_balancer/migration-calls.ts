import { IDL, type Platform, Principal } from '../../core/index.ts';
import { adminCall } from './system-calls.ts';

/** The calls a user migration makes to the two shards (the calendar's move methods, admin only). */
const MovePage = IDL.Record({ items: IDL.Vec(IDL.Vec(IDL.Nat8)), next: IDL.Opt(IDL.Text) });
const Removal = IDL.Record({ calendars: IDL.Nat32, events: IDL.Nat32, done: IDL.Bool });
const p = (text: string) => Principal.fromText(text);

export interface ShardPage {
  items: Uint8Array[];
  next?: string;
}

export const moveUserOut = (platform: Platform, shard: string, user: string, to: string) =>
  adminCall(platform, shard, 'move_user_out', [IDL.Principal, IDL.Principal], IDL.Null, [
    p(user),
    p(to),
  ]);

export const cancelMoveOut = (platform: Platform, shard: string, user: string) =>
  adminCall(platform, shard, 'cancel_move_out', [IDL.Principal], IDL.Null, [p(user)]);

export async function exportUserData(
  platform: Platform,
  shard: string,
  user: string,
  cursor: string | undefined,
): Promise<ShardPage> {
  const page = (await adminCall<{ items: Uint8Array[]; next: [] | [string] }>(
    platform,
    shard,
    'export_user_data',
    [IDL.Principal, IDL.Opt(IDL.Text)],
    MovePage,
    [p(user), cursor === undefined ? [] : [cursor]],
  ))!;
  return page.next.length === 0 ? { items: page.items } : { items: page.items, next: page.next[0] };
}

export const importUserData = (
  platform: Platform,
  shard: string,
  user: string,
  from: string,
  items: Uint8Array[],
) =>
  adminCall(
    platform,
    shard,
    'import_user_data',
    [IDL.Principal, IDL.Principal, IDL.Vec(IDL.Vec(IDL.Nat8))],
    IDL.Nat32,
    [p(user), p(from), items],
  );

export const releaseMovedUser = (platform: Platform, shard: string, user: string) =>
  adminCall(platform, shard, 'release_moved_user', [IDL.Principal], IDL.Null, [p(user)]);

/** Removes the user's copy on `shard` in bounded calls until it is gone. */
export async function removeUserCopy(platform: Platform, shard: string, user: string) {
  for (;;) {
    const progress = await adminCall<{ done: boolean }>(
      platform,
      shard,
      'remove_user_copy',
      [IDL.Principal],
      Removal,
      [p(user)],
    );
    if (progress!.done) return;
  }
}
