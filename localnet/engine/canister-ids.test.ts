import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { CanisterIdAllocator, canisterIdFromIndex, isManagementCanister } from './canister-ids.ts';

describe('canister ids', () => {
  it('encodes an index as 8 big-endian bytes followed by 0x01 0x01', () => {
    expect(canisterIdFromIndex(0n).toText()).toBe('rwlgt-iiaaa-aaaaa-aaaaa-cai');
    expect(canisterIdFromIndex(1n).toText()).toBe('rrkah-fqaaa-aaaaa-aaaaq-cai');
  });

  it('starts at the local range and never hands out an id twice', () => {
    const ids = new CanisterIdAllocator();
    expect(ids.next().toText()).toBe('lxzze-o7777-77777-aaaaa-cai');
    const second = ids.next();
    ids.reserve(canisterIdFromIndex(0xffffffffffe00005n));
    expect(ids.next().toText()).toBe(canisterIdFromIndex(0xffffffffffe00006n).toText());
    expect(second.toText()).not.toBe('lxzze-o7777-77777-aaaaa-cai');
  });

  it('recognises the management canister', () => {
    expect(isManagementCanister(Principal.fromText('aaaaa-aa'))).toBe(true);
    expect(isManagementCanister(Principal.anonymous())).toBe(false);
  });
});
