import { describe, expect, it } from 'vitest';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import type { CallOutcome } from './backend.ts';
import { toHex } from './bytes.ts';
import { subtreeHash } from './certification/labeled-tree.ts';
import { RequestStatusStore } from './request-status-store.ts';

const SECOND = 1_000_000_000n;
const MINUTE = 60n * SECOND;
const replied: CallOutcome = { status: 'replied', reply: Uint8Array.of(1) };

function track(store: RequestStatusStore, n: number, expiryNs: bigint, outcome = replied) {
  return store.track(
    {
      requestId: sha256(Uint8Array.of(n)),
      sender: Principal.anonymous(),
      effectiveCanisterId: Principal.anonymous(),
      expiryNs,
    },
    () => Promise.resolve(outcome),
  );
}

describe('request status store', () => {
  it('forgets settled requests five minutes after their expiry, not before', async () => {
    const store = new RequestStatusStore();
    await track(store, 1, 10n * MINUTE).outcome;
    await track(store, 2, 20n * MINUTE).outcome;
    store.prune(14n * MINUTE);
    expect(store.size).toBe(2);
    store.prune(15n * MINUTE + SECOND);
    expect(store.get(sha256(Uint8Array.of(1)))).toBeUndefined();
    expect(store.get(sha256(Uint8Array.of(2)))).toBeDefined();
    store.prune(60n * MINUTE);
    expect(store.size).toBe(0);
  });

  it('keeps a request still running past its retention until it settles', async () => {
    const store = new RequestStatusStore();
    let finish!: (outcome: CallOutcome) => void;
    const record = store.track(
      {
        requestId: sha256(Uint8Array.of(3)),
        sender: Principal.anonymous(),
        effectiveCanisterId: Principal.anonymous(),
        expiryNs: MINUTE,
      },
      () => new Promise((resolve) => (finish = resolve)),
    );
    store.prune(30n * MINUTE);
    expect(store.size).toBe(1);
    await new Promise((resolve) => setImmediate(resolve)); // the run starts a turn later
    finish(replied);
    await record.outcome;
    store.prune(30n * MINUTE + 2n * SECOND);
    expect(store.size).toBe(0);
  });

  it('gives each round a level that later changes leave as it was', async () => {
    const store = new RequestStatusStore();
    const empty = toHex(subtreeHash(store.level()));
    const running = track(store, 4, MINUTE);
    const processing = store.level();
    const processingHash = toHex(subtreeHash(processing));
    expect(processingHash).not.toBe(empty);
    await running.outcome;
    expect(toHex(subtreeHash(store.level()))).not.toBe(processingHash);
    expect(toHex(subtreeHash(processing))).toBe(processingHash);
    store.prune(10n * MINUTE);
    expect(toHex(subtreeHash(store.level()))).toBe(empty);
  });
});
