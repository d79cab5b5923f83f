import { Principal } from '@dfinity/principal';

/** First index of the local application range; index 0 prints as lxzze-o7777-77777-aaaaa-cai (as PocketIC). */
export const FIRST_CANISTER_INDEX = 0xffffffffffe00000n;
export const MANAGEMENT_CANISTER_ID = Principal.managementCanister();

/** System-assigned canister ids are 10 bytes: the 8-byte big-endian index followed by 0x01 0x01. */
export function canisterIdFromIndex(index: bigint): Principal {
  const bytes = new Uint8Array(10);
  new DataView(bytes.buffer).setBigUint64(0, index);
  bytes[8] = 1;
  bytes[9] = 1;
  return Principal.fromUint8Array(bytes);
}

/** Hands out canister ids in order, never reusing one. */
export class CanisterIdAllocator {
  constructor(private nextIndex: bigint = FIRST_CANISTER_INDEX) {}

  next(): Principal {
    const id = canisterIdFromIndex(this.nextIndex);
    this.nextIndex += 1n;
    return id;
  }

  /** Moves past a specified id so later allocations never collide with it. */
  reserve(id: Principal): void {
    const bytes = id.toUint8Array();
    if (bytes.length !== 10 || bytes[8] !== 1 || bytes[9] !== 1) return;
    const index = new DataView(bytes.buffer, bytes.byteOffset).getBigUint64(0);
    if (index >= this.nextIndex) this.nextIndex = index + 1n;
  }

  get state(): bigint {
    return this.nextIndex;
  }
}

export function isManagementCanister(id: Principal): boolean {
  return id.toUint8Array().length === 0;
}
