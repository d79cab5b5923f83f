import { bls12_381 } from '@noble/curves/bls12-381';
import { ed25519 } from '@noble/curves/ed25519';
import { Principal } from '@dfinity/principal';
import { fromHex, toHex } from './bytes.ts';
import { blsPublicKey } from './certification/bls-short-signatures.ts';
import { wrapBlsKey, wrapEd25519Key } from './der.ts';

/** The secrets that make a network's identity; persist them so certificates stay valid across restarts. */
export interface NetworkKeys {
  /** BLS12-381 secret key (32 bytes) of the root subnet that signs certificates. */
  readonly rootSecretKey: Uint8Array;
  /** Ed25519 seed (32 bytes) of the single node that signs query responses. */
  readonly nodeSecretKey: Uint8Array;
  /**
   * The root secret key's public key (96 bytes, compressed G2), stored beside it and compared
   * with the one the secret derives at every start. Key files written before it was stored lack it.
   */
  readonly rootPublicKey?: Uint8Array;
}

/** Public facts derived from the keys. */
export interface NetworkIdentity {
  /** 133-byte DER key served as `root_key` by `/api/v2/status`. */
  readonly rootKeyDer: Uint8Array;
  /** With no delegation, agents take `selfAuthenticating(rootKeyDer)` as the subnet id. */
  readonly subnetId: Principal;
  readonly nodeKeyDer: Uint8Array;
  readonly nodeId: Principal;
}

export function generateNetworkKeys(): NetworkKeys {
  return withRootPublicKey({
    rootSecretKey: bls12_381.utils.randomSecretKey(),
    nodeSecretKey: ed25519.utils.randomSecretKey(),
  });
}

/** `keys` with the root public key derived from the secret (for key files that lack it). */
export function withRootPublicKey(keys: NetworkKeys): NetworkKeys {
  return {
    ...keys,
    rootPublicKey: blsPublicKey(keys.rootSecretKey),
  };
}

/** Whether the stored root public key is the one the root secret key derives. */
export function rootPublicKeyMatches(keys: NetworkKeys): boolean {
  if (!keys.rootPublicKey) return false;
  return toHex(blsPublicKey(keys.rootSecretKey)) === toHex(keys.rootPublicKey);
}

export function deriveNetworkIdentity(keys: NetworkKeys): NetworkIdentity {
  const rootKeyDer = wrapBlsKey(keys.rootPublicKey ?? withRootPublicKey(keys).rootPublicKey!);
  const nodeKeyDer = wrapEd25519Key(ed25519.getPublicKey(keys.nodeSecretKey));
  return {
    rootKeyDer,
    subnetId: Principal.selfAuthenticating(rootKeyDer),
    nodeKeyDer,
    nodeId: Principal.selfAuthenticating(nodeKeyDer),
  };
}

const FORMAT = 'icp-calendar-localnet-keys/1';

/** JSON text to store next to the network state (it holds secrets: keep the file private). */
export function serializeNetworkKeys(keys: NetworkKeys): string {
  const stored = {
    format: FORMAT,
    rootSecretKey: toHex(keys.rootSecretKey),
    nodeSecretKey: toHex(keys.nodeSecretKey),
    ...(keys.rootPublicKey ? { rootPublicKey: toHex(keys.rootPublicKey) } : {}),
  };
  return JSON.stringify(stored, null, 2) + '\n';
}

export function deserializeNetworkKeys(text: string): NetworkKeys {
  const stored = JSON.parse(text) as Record<string, unknown>;
  if (stored.format !== FORMAT) {
    throw new Error(
      `LOCALNET_KEYS_FORMAT: expected format "${FORMAT}"; found ${JSON.stringify(stored.format)}`,
    );
  }
  const secret = (name: 'rootSecretKey' | 'nodeSecretKey') => {
    const value = stored[name];
    if (typeof value !== 'string' || value.length !== 64) {
      throw new Error(
        `LOCALNET_KEYS_FORMAT: expected ${name} as 64 hex digits; found ${JSON.stringify(value)}`,
      );
    }
    return fromHex(value);
  };
  const keys = { rootSecretKey: secret('rootSecretKey'), nodeSecretKey: secret('nodeSecretKey') };
  const publicKey = stored.rootPublicKey;
  if (publicKey === undefined) return keys;
  if (typeof publicKey !== 'string' || !/^[0-9a-f]{192}$/.test(publicKey)) {
    throw new Error(
      `LOCALNET_KEYS_FORMAT: expected rootPublicKey as 192 hex digits; found ${JSON.stringify(publicKey)}`,
    );
  }
  return { ...keys, rootPublicKey: fromHex(publicKey) };
}
