import { p256 } from '@noble/curves/nist';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { fromHex, startsWithBytes } from '../bytes.ts';
import { decodeCbor } from '../cbor.ts';
import type { SignatureCheck } from './signature-schemes.ts';

/** DER prefix up to the BIT STRING: SEQUENCE { SEQUENCE { OID 1.3.6.1.4.1.56387.1.1 }, BIT STRING }. */
const COSE_OID = fromHex('300c060a2b0601040183b8430101');

/** The COSE key inside a WebAuthn sender key (spec "Web Authentication"), or undefined. */
export function unwrapCoseKey(der: Uint8Array): Uint8Array | undefined {
  // 30 <len> 300c…0101 03 <len> 00 <cose>, lengths in short or one/two-byte long form.
  let offset = 0;
  const readLength = () => {
    const first = der[offset++];
    if (first < 0x80) return first;
    const bytes = first & 0x7f;
    let length = 0;
    for (let i = 0; i < bytes; i++) length = (length << 8) | der[offset++];
    return length;
  };
  if (der[offset++] !== 0x30) return undefined;
  readLength();
  if (!startsWithBytes(der.subarray(offset), COSE_OID)) return undefined;
  offset += COSE_OID.length;
  if (der[offset++] !== 0x03) return undefined;
  const length = readLength();
  if (der[offset++] !== 0x00 || offset + length - 1 !== der.length) return undefined;
  return der.subarray(offset);
}

/**
 * Verifies a WebAuthn signature: `{authenticator_data, client_data_json, signature}` whose
 * client data challenge is base64url(message), and an ECDSA P-256 (COSE alg -7) signature over
 * `authenticator_data ‖ sha256(client_data_json)`. RSA keys are not supported.
 */
export function verifyWebAuthn(
  coseKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
): SignatureCheck {
  const point = p256PointOf(coseKey);
  if (!point) return 'unsupported-key';
  const parts = decodeCbor(signature) as Record<string, unknown>;
  const {
    authenticator_data: authData,
    client_data_json: clientDataJson,
    signature: der,
  } = parts ?? {};
  if (
    !(authData instanceof Uint8Array) ||
    typeof clientDataJson !== 'string' ||
    !(der instanceof Uint8Array)
  ) {
    return 'invalid';
  }
  const clientData = JSON.parse(clientDataJson) as { challenge?: unknown };
  if (clientData.challenge !== Buffer.from(message).toString('base64url')) return 'invalid';
  const signed = concatBytes(authData, sha256(utf8ToBytes(clientDataJson)));
  const options = { prehash: false, lowS: false, format: 'der' } as const;
  return p256.verify(der, sha256(signed), point, options) ? 'valid' : 'invalid';
}

/** `04 ‖ x ‖ y` from a COSE EC2 P-256 key `{1: 2, 3: -7, -1: 1, -2: x, -3: y}`, or undefined. */
function p256PointOf(coseKey: Uint8Array): Uint8Array | undefined {
  const map = readCoseMap(coseKey);
  const x = map?.get(-2);
  const y = map?.get(-3);
  const isP256 = map?.get(1) === 2 && map.get(3) === -7 && map.get(-1) === 1;
  if (!isP256 || !(x instanceof Uint8Array) || !(y instanceof Uint8Array)) return undefined;
  return concatBytes(Uint8Array.of(4), x, y);
}

/** Just enough CBOR for a COSE key: a map of small integer keys to integers or byte strings. */
function readCoseMap(bytes: Uint8Array): Map<number, number | Uint8Array> | undefined {
  let offset = 0;
  const argument = (info: number) => {
    if (info < 24) return info;
    if (info === 24) return bytes[offset++];
    if (info === 25) return (bytes[offset++] << 8) | bytes[offset++];
    throw new RangeError('COSE value too large');
  };
  const item = (): number | Uint8Array => {
    const head = bytes[offset++];
    const value = argument(head & 0x1f);
    switch (head >> 5) {
      case 0:
        return value;
      case 1:
        return -1 - value;
      case 2:
        offset += value;
        return bytes.slice(offset - value, offset);
      default:
        throw new RangeError(`unexpected CBOR major type ${head >> 5} in a COSE key`);
    }
  };
  try {
    const head = bytes[offset++];
    if (head >> 5 !== 5) return undefined;
    const map = new Map<number, number | Uint8Array>();
    for (let i = argument(head & 0x1f); i > 0; i--) {
      const key = item();
      if (typeof key !== 'number') return undefined;
      map.set(key, item());
    }
    return offset === bytes.length ? map : undefined;
  } catch {
    return undefined;
  }
}
