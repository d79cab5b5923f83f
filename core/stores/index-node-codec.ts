import { decodeValue, encodePlainJson } from './codec.ts';
import type { StoreKey } from './key-codec.ts';
import { binaryString } from './text-bytes.ts';

export interface Leaf {
  leaf: true;
  /** Sorted entry keys: ordered value bytes + primary key bytes, as binary strings. */
  keys: string[];
  pks: StoreKey[];
  /** Next leaf to the right; 0 at the end. */
  next: number;
}
export interface Branch {
  leaf: false;
  /** keys[i] is the smallest entry under children[i + 1]. */
  keys: string[];
  children: number[];
}
export type IndexNode = Leaf | Branch;

/**
 * How a node is stored: plain JSON (no replacer runs) with each key passed through `escape`, so
 * the text stays ASCII (bytes 0x00 and 0x80-0xFF become `%XX` instead of `\u0000` or two UTF-8
 * bytes) and decodes on the cheap path. Nat primary keys are written as decimal text and marked
 * in `t`. Nodes of the earlier forms (`leaf`/`keys` with byte arrays or binary strings) are read.
 */
interface StoredNode {
  v: 3;
  k: string[];
  /** leaves: primary keys, `t` marking nat ones with 'n'; `n` the next leaf */
  p?: string[];
  t?: string;
  n?: number;
  /** branches: children */
  c?: number[];
}

export function encodeNode(node: IndexNode): Uint8Array {
  const keys = node.keys.map(escape);
  if (!node.leaf) return encodePlainJson({ v: 3, k: keys, c: node.children });
  let kinds = '';
  let nats = false;
  const pks = node.pks.map((pk) => {
    if (typeof pk === 'string') {
      kinds += 's';
      return pk;
    }
    nats = true;
    kinds += 'n';
    return pk.toString();
  });
  const stored: StoredNode = { v: 3, k: keys, p: pks, n: node.next };
  if (nats) stored.t = kinds;
  return encodePlainJson(stored);
}

export function decodeNode(bytes: Uint8Array): IndexNode {
  const value = decodeValue(bytes) as StoredNode | IndexNode;
  if ('v' in value) {
    const keys = value.k.map(unescape);
    if (value.c !== undefined) return { leaf: false, keys, children: value.c };
    const kinds = value.t;
    const pks: StoreKey[] =
      kinds === undefined
        ? value.p!
        : value.p!.map((pk, i) => (kinds[i] === 'n' ? BigInt(pk) : pk));
    return { leaf: true, keys, pks, next: value.n ?? 0 };
  }
  const keys = value.keys as unknown[];
  if (keys.length > 0 && typeof keys[0] !== 'string') {
    value.keys = (keys as Uint8Array[]).map(binaryString);
  }
  return value;
}
