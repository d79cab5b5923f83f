import { Ed25519PublicKey } from '@dfinity/identity';
import { ed25519 } from '@noble/curves/ed25519';
import { describe, expect, it } from 'vitest';

import { NodeEd25519Identity } from './node-ed25519-identity.ts';

describe('NodeEd25519Identity', () => {
  it('signs what its public key verifies, and its principal derives from that key', async () => {
    const identity = NodeEd25519Identity.generate();
    const message = new TextEncoder().encode('a request id');
    const signature = await identity.sign(message);
    const raw = identity.getPublicKey().toRaw();
    expect(ed25519.verify(signature, message, raw)).toBe(true);
    expect(ed25519.verify(signature, new TextEncoder().encode('another'), raw)).toBe(false);
    expect(identity.getPrincipal().toText()).toBe(
      (await import('@dfinity/principal')).Principal.selfAuthenticating(
        Ed25519PublicKey.fromRaw(raw).toDer(),
      ).toText(),
    );
  });
});
