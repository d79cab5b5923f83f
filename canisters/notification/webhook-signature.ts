import { hmac } from '@noble/hashes/hmac';
import { sha256 } from '@noble/hashes/sha2';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils';

/** Header carrying `sha256=<hex HMAC-SHA256 of the body>` keyed by the hook's secret. */
export const SIGNATURE_HEADER = 'x-icp-calendar-signature';
export const IDEMPOTENCY_HEADER = 'idempotency-key';

export function signBody(secret: string, body: string): string {
  return `sha256=${bytesToHex(hmac(sha256, utf8ToBytes(secret), utf8ToBytes(body)))}`;
}
