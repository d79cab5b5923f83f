import {
  SignIdentity,
  type DerEncodedPublicKey,
  type PublicKey,
  type Signature,
} from '@dfinity/agent';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes } from '@noble/hashes/utils';
import { SECP256K1_DER_PREFIX } from '../der.ts';

/**
 * TEST DOUBLE. An ECDSA secp256k1 identity built on @noble/curves, standing in for
 * `@dfinity/identity-secp256k1` (not installed): DER SPKI key with OID 1.3.132.0.10,
 * signatures `r ‖ s` over SHA-256.
 */
export class Secp256k1TestIdentity extends SignIdentity {
  readonly #secretKey: Uint8Array;
  readonly #der: DerEncodedPublicKey;

  constructor(secretKey: Uint8Array = secp256k1.utils.randomSecretKey()) {
    super();
    this.#secretKey = secretKey;
    this.#der = concatBytes(
      SECP256K1_DER_PREFIX,
      secp256k1.getPublicKey(secretKey, false),
    ) as DerEncodedPublicKey;
  }

  getPublicKey(): PublicKey {
    return { toDer: () => this.#der, derKey: this.#der };
  }

  async sign(blob: Uint8Array): Promise<Signature> {
    return secp256k1.sign(sha256(blob), this.#secretKey).toCompactRawBytes() as Signature;
  }
}
