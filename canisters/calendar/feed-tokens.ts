import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';
import type { StableStore } from '../../core/index.ts';

/** What is kept of a calendar's secret feed token: its SHA-256, never the token itself. */
export interface FeedTokenRecord {
  hash: string;
  createdMs: number;
}

const hashOf = (token: string): string => bytesToHex(sha256(utf8ToBytes(token)));

/** Tokens are 64 hex digits (32 bytes of raw_rand); anything else is never looked up. */
export const FEED_TOKEN_SHAPE = /^[0-9a-f]{64}$/;

/**
 * The secret feed address of a private calendar: `/calendars/<id>.ics?token=<64 hex>`. One token per
 * calendar; issuing a new one replaces the old, revoking deletes it. The canister stores only the
 * hash, so a backup or a state read does not reveal a working address.
 */
export class FeedTokens {
  constructor(private readonly store: StableStore<FeedTokenRecord>) {}

  issue(calendarId: string, token: string, nowMs: number): void {
    this.store.set(calendarId, { hash: hashOf(token), createdMs: nowMs });
  }

  revoke(calendarId: string): boolean {
    const had = this.store.has(calendarId);
    if (had) this.store.delete(calendarId);
    return had;
  }

  createdMs(calendarId: string): number | undefined {
    return this.store.get(calendarId)?.createdMs;
  }

  /** Whether the token opens this calendar's feed. */
  opens(calendarId: string, token: string | undefined): boolean {
    if (token === undefined || !FEED_TOKEN_SHAPE.test(token)) return false;
    const record = this.store.get(calendarId);
    if (record === undefined) return false;
    const hash = hashOf(token);
    let difference = 0; // compare every digit, so the time taken says nothing about the prefix
    for (let i = 0; i < hash.length; i++)
      difference |= hash.charCodeAt(i) ^ record.hash.charCodeAt(i);
    return difference === 0;
  }
}

/** The `token` query parameter of a feed URL, if any. */
export function feedTokenOf(url: string): string | undefined {
  const query = url.split('?')[1];
  if (query === undefined) return undefined;
  for (const pair of query.split('&')) {
    const [name, value] = pair.split('=');
    if (name === 'token') return value;
  }
  return undefined;
}
