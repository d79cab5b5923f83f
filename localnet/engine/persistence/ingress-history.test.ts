import { serialize } from 'node:v8';
import { describe, expect, it } from 'vitest';

import { IngressHistory, type IngressHistoryEntry } from './ingress-history.ts';

const MINUTE_NS = 60_000_000_000n;

function entry(n: number, expiryNs: bigint, reply = Uint8Array.of(n & 0xff)): IngressHistoryEntry {
  const id = new Uint8Array(32);
  new DataView(id.buffer).setUint32(0, n);
  return {
    id,
    expiryNs,
    effectiveCanisterId: Uint8Array.of(1),
    sender: Uint8Array.of(4),
    outcome: { kind: 'replied', reply },
  };
}

const replies = (history: IngressHistory) =>
  history.all().map((e) => (e.outcome.kind === 'replied' ? [...e.outcome.reply] : []));

describe('ingress history', () => {
  it('survives an encode and decode over several chunks, and reads the first format', () => {
    const history = new IngressHistory();
    for (let n = 0; n < 2_500; n++) history.add(entry(n, 10n * MINUTE_NS));
    history.add(entry(7, 10n * MINUTE_NS, Uint8Array.of(99))); // the same id again: the later wins
    const decoded = IngressHistory.decode(history.encode());
    expect(decoded.size).toBe(2_500);
    expect(replies(decoded)).toEqual(replies(history));
    expect(replies(decoded)[7]).toEqual([99]);

    const firstFormat = new Uint8Array(serialize(history.all()));
    expect(replies(IngressHistory.decode(firstFormat))).toEqual(replies(history));
    expect(IngressHistory.decode(undefined).size).toBe(0);
  });

  it('encodes a full chunk once and reuses its bytes', () => {
    const history = new IngressHistory();
    const entries = Array.from({ length: 1_100 }, (_, n) => entry(n, MINUTE_NS));
    for (const e of entries) history.add(e);
    history.encode();
    // Entries are never changed once added; changing one shows which bytes were reused.
    entries[0]!.outcome = { kind: 'replied', reply: Uint8Array.of(42) };
    entries[1_050]!.outcome = { kind: 'replied', reply: Uint8Array.of(43) };
    const decoded = replies(IngressHistory.decode(history.encode()));
    expect(decoded[0]).toEqual([0]); // the full first chunk: encoded before the change
    expect(decoded[1_050]).toEqual([43]); // the chunk still filling: encoded again
  });

  it('prunes whole chunks once every entry in them is past retention', () => {
    const history = new IngressHistory();
    for (let n = 0; n < 1_024; n++) history.add(entry(n, MINUTE_NS)); // chunk 1: expire early
    for (let n = 1_024; n < 2_048; n++)
      history.add(entry(n, n === 1_030 ? 20n * MINUTE_NS : MINUTE_NS));
    history.add(entry(5, 30n * MINUTE_NS, Uint8Array.of(77))); // an id of chunk 1, added again

    history.prune(MINUTE_NS + 5n * MINUTE_NS); // nothing is past retention yet
    expect(history.size).toBe(2_048);
    history.prune(7n * MINUTE_NS);
    // Chunk 1 is gone, except the id added again; chunk 2 waits for its latest expiry.
    expect(history.size).toBe(1_024 + 1);
    expect(history.all().find((e) => new DataView(e.id.buffer).getUint32(0) === 5)).toBeDefined();
    history.prune(26n * MINUTE_NS);
    expect(history.size).toBe(1);
    history.prune(36n * MINUTE_NS);
    expect(history.size).toBe(0);
  });
});
