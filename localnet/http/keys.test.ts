import { describe, expect, it } from 'vitest';
import { Principal } from '@dfinity/principal';
import { toHex } from './bytes.ts';
import { BLS_DER_PREFIX, ED25519_DER_PREFIX } from './der.ts';
import {
  deriveNetworkIdentity,
  deserializeNetworkKeys,
  generateNetworkKeys,
  serializeNetworkKeys,
  withRootPublicKey,
} from './keys.ts';

describe('network keys', () => {
  it('derives a DER BLS root key, the subnet id from it, and an Ed25519 node key', () => {
    const identity = deriveNetworkIdentity(generateNetworkKeys());
    expect(identity.rootKeyDer.length).toBe(133);
    expect(toHex(identity.rootKeyDer.slice(0, BLS_DER_PREFIX.length))).toBe(toHex(BLS_DER_PREFIX));
    expect(identity.subnetId.toText()).toBe(
      Principal.selfAuthenticating(identity.rootKeyDer).toText(),
    );
    expect(identity.nodeKeyDer.length).toBe(44);
    expect(toHex(identity.nodeKeyDer.slice(0, 12))).toBe(toHex(ED25519_DER_PREFIX));
  });

  it('survives a round trip through text, so restarts keep the root key', () => {
    const keys = generateNetworkKeys();
    const restored = deserializeNetworkKeys(serializeNetworkKeys(keys));
    expect(toHex(deriveNetworkIdentity(restored).rootKeyDer)).toBe(
      toHex(deriveNetworkIdentity(keys).rootKeyDer),
    );
    expect(toHex(restored.nodeSecretKey)).toBe(toHex(keys.nodeSecretKey));
  });

  it('explains what is wrong with a damaged key file', () => {
    expect(() => deserializeNetworkKeys('{"format":"other"}')).toThrow(
      /LOCALNET_KEYS_FORMAT: expected format/,
    );
    const text = serializeNetworkKeys(generateNetworkKeys()).replace(
      /"rootSecretKey": "[0-9a-f]+"/,
      '"rootSecretKey": "12"',
    );
    expect(() => deserializeNetworkKeys(text)).toThrow(/rootSecretKey as 64 hex digits/);
  });

  it('stores the root public key, and a key file without it derives the same identity', () => {
    const keys = generateNetworkKeys();
    const text = serializeNetworkKeys(keys);
    expect(text).toContain(`"rootPublicKey": "${toHex(keys.rootPublicKey!)}"`);
    const older = deserializeNetworkKeys(text.replace(/,\s*"rootPublicKey": "[0-9a-f]+"/, ''));
    expect(older.rootPublicKey).toBeUndefined();
    expect(toHex(deriveNetworkIdentity(older).rootKeyDer)).toBe(
      toHex(deriveNetworkIdentity(keys).rootKeyDer),
    );
    expect(toHex(withRootPublicKey(older).rootPublicKey!)).toBe(toHex(keys.rootPublicKey!));
    expect(() =>
      deserializeNetworkKeys(text.replace(/"rootPublicKey": "[0-9a-f]+"/, '"rootPublicKey": "ab"')),
    ).toThrow(/rootPublicKey as 192 hex digits/);
  });
});
