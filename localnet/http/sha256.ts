import { hash } from 'node:crypto';

/** SHA-256 through OpenSSL: about 4× faster than a JavaScript implementation on short inputs, which the state tree hashes by the thousand. */
export function sha256(data: Uint8Array): Uint8Array {
  const digest = hash('sha256', data, 'buffer');
  return new Uint8Array(digest.buffer, digest.byteOffset, digest.byteLength);
}
