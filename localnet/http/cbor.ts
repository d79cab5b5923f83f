import { decode, encodeWithSelfDescribedTag } from '@dfinity/cbor';

/** Decodes CBOR (the self-describe tag 55799 is dropped); throws on malformed input. */
export function decodeCbor(bytes: Uint8Array): unknown {
  return decode(bytes);
}

/** Encodes with the self-describe tag 55799, as the IC does for every CBOR body. */
export function encodeCbor(value: unknown): Uint8Array {
  return encodeWithSelfDescribedTag(value as Parameters<typeof encodeWithSelfDescribedTag>[0]);
}
