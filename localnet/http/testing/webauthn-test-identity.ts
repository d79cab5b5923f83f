import {
  Cbor,
  DER_COSE_OID,
  SignIdentity,
  wrapDER,
  type DerEncodedPublicKey,
  type PublicKey,
  type Signature,
} from '@dfinity/agent';
import { p256 } from '@noble/curves/nist';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';

/**
 * TEST DOUBLE. A software "authenticator" shaped like `WebAuthnIdentity` (which needs a browser):
 * a COSE P-256 key in the DER wrapper, and signatures as `{authenticator_data,
 * client_data_json, signature}` with the message as base64url challenge.
 */
export class WebAuthnTestIdentity extends SignIdentity {
  readonly #secretKey = p256.utils.randomSecretKey();
  readonly #der: DerEncodedPublicKey;
  /** Tests may break the challenge to see the server refuse it. */
  challengeOf: (message: Uint8Array) => string = (message) =>
    Buffer.from(message).toString('base64url');

  constructor() {
    super();
    const point = p256.getPublicKey(this.#secretKey, false);
    const cose = concatBytes(
      Uint8Array.of(0xa5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01), // {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256),
      Uint8Array.of(0x21, 0x58, 0x20), //                           -2: x,
      point.slice(1, 33),
      Uint8Array.of(0x22, 0x58, 0x20), //                           -3: y}
      point.slice(33),
    );
    this.#der = wrapDER(cose, DER_COSE_OID) as DerEncodedPublicKey;
  }

  getPublicKey(): PublicKey {
    return { toDer: () => this.#der, derKey: this.#der };
  }

  async sign(message: Uint8Array): Promise<Signature> {
    const clientDataJson = JSON.stringify({
      type: 'webauthn.get',
      challenge: this.challengeOf(message),
      origin: 'http://localhost',
    });
    const authenticatorData = concatBytes(
      sha256(utf8ToBytes('localhost')),
      Uint8Array.of(0x05, 0, 0, 0, 1),
    );
    const signed = sha256(concatBytes(authenticatorData, sha256(utf8ToBytes(clientDataJson))));
    const signature = p256.sign(signed, this.#secretKey).toDERRawBytes();
    return Cbor.encode({
      authenticator_data: authenticatorData,
      client_data_json: clientDataJson,
      signature,
    }) as Signature;
  }
}
