import { SignIdentity, type PublicKey, type Signature } from '@dfinity/agent';

/** TEST DOUBLE. Signs with the wrapped identity, then flips one bit of every signature. */
export class TamperingIdentity extends SignIdentity {
  constructor(private readonly inner: SignIdentity) {
    super();
  }

  getPublicKey(): PublicKey {
    return this.inner.getPublicKey();
  }

  async sign(blob: Uint8Array): Promise<Signature> {
    const signature = Uint8Array.from(await this.inner.sign(blob));
    signature[signature.length - 1] ^= 0x01;
    return signature as Signature;
  }
}
