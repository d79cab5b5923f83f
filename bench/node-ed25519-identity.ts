import { SignIdentity, type Signature } from '@dfinity/agent';
import { Ed25519PublicKey } from '@dfinity/identity';
import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';

/**
 * An Ed25519 identity whose signatures come from Node's crypto (OpenSSL, ~0.05 ms) instead of
 * JavaScript (~1 ms): the same signatures, so a load generator spends its CPU on requests, and
 * the network's cost per call is what the bench measures.
 */
export class NodeEd25519Identity extends SignIdentity {
  private constructor(
    private readonly publicKey: Ed25519PublicKey,
    private readonly privateKey: KeyObject,
  ) {
    super();
  }

  static generate(): NodeEd25519Identity {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519');
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
    return new NodeEd25519Identity(Ed25519PublicKey.fromRaw(new Uint8Array(raw)), privateKey);
  }

  getPublicKey(): Ed25519PublicKey {
    return this.publicKey;
  }

  sign(blob: Uint8Array): Promise<Signature> {
    return Promise.resolve(new Uint8Array(sign(null, blob, this.privateKey)) as Signature);
  }
}
