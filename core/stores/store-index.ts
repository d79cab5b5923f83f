import type { RawStableMap } from '../platform/platform.ts';
import { decodeValue, encodeValue } from './codec.ts';
import { binaryKey, type StoreKey } from './key-codec.ts';
import { orderedEncode } from './ordered-encoding.ts';
import {
  type Branch,
  decodeNode,
  encodeNode,
  type IndexNode,
  type Leaf,
} from './index-node-codec.ts';

/** Entries per node: a node is read with one stable-map get and rewritten whole on every change. */
export const INDEX_FANOUT = 32;

/**
 * Decoded nodes kept on the heap between messages. Only this object writes its map, and a trap,
 * a query's end or an upgrade drops heap and stable changes together, so the copies stay true.
 */
const CACHED_NODES = 256;

const META_KEY = Uint8Array.of(0x00);

interface Meta {
  root: number;
  nextId: number;
}

export interface IndexScan {
  keys: StoreKey[];
  /** Entry key of the last item returned, when more items remain in range. */
  next?: string;
}

function nodeKey(id: number): Uint8Array {
  const bytes = new Uint8Array(5);
  bytes[0] = 0x01;
  new DataView(bytes.buffer).setUint32(1, id);
  return bytes;
}

/** First position whose key is ≥ `key` (`strict`: > `key`). */
function search(keys: string[], key: string, strict: boolean): number {
  let low = 0;
  let high = keys.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    const probe = keys[middle]!;
    if (probe < key || (strict && probe === key)) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * A secondary index in its own stable map: a B+tree of (value, primary key)
 * entries in value order. Lookups and range scans read log n nodes to find
 * the start, then the k entries returned, following leaf links. Removal does
 * not merge nodes, so a leaf emptied by deletions stays until a rebuild.
 */
export class StoreIndex {
  constructor(
    readonly name: string,
    private readonly map: RawStableMap,
  ) {}

  private readonly nodes = new Map<number, IndexNode>();
  private cachedMeta: Meta | undefined;

  /** The entry key of (value, key): a scan cursor pointing at that entry. */
  static entryKey(value: unknown, key: StoreKey): string {
    return orderedEncode(value) + binaryKey(key);
  }

  add(value: unknown, key: StoreKey): void {
    const entry = StoreIndex.entryKey(value, key);
    const meta = this.meta();
    const { ids, nodes } = this.path(meta, entry);
    const leaf = nodes[nodes.length - 1] as Leaf;
    const position = search(leaf.keys, entry, false);
    if (position < leaf.keys.length && leaf.keys[position] === entry) return;
    leaf.keys.splice(position, 0, entry);
    leaf.pks.splice(position, 0, key);
    this.splitUpwards(meta, ids, nodes);
  }

  remove(value: unknown, key: StoreKey): void {
    const entry = StoreIndex.entryKey(value, key);
    const { ids, nodes } = this.path(this.meta(), entry);
    const leaf = nodes[nodes.length - 1] as Leaf;
    const position = search(leaf.keys, entry, false);
    if (position >= leaf.keys.length || leaf.keys[position] !== entry) return;
    leaf.keys.splice(position, 1);
    leaf.pks.splice(position, 1);
    this.write(ids[ids.length - 1]!, leaf);
  }

  /** Keys of entries in [lower, upper) by entry bytes, strictly after `after` when given. */
  scan(lower: string, upper: string, after: string | undefined, limit: number): IndexScan {
    const resume = after !== undefined && after >= lower;
    const start = resume ? after : lower;
    const { nodes } = this.path(this.meta(), start);
    let leaf = nodes[nodes.length - 1] as Leaf;
    let position = search(leaf.keys, start, resume);
    const keys: StoreKey[] = [];
    let last: string | undefined;
    for (;;) {
      for (; position < leaf.keys.length; position++) {
        const entry = leaf.keys[position]!;
        if (entry >= upper) return { keys };
        if (keys.length === limit) return { keys, next: last };
        keys.push(leaf.pks[position]!);
        last = entry;
      }
      if (leaf.next === 0) return { keys };
      leaf = this.read(leaf.next) as Leaf;
      position = 0;
    }
  }

  /** Removes every entry (used before a rebuild). */
  clear(): void {
    this.nodes.clear();
    this.cachedMeta = undefined;
    for (;;) {
      const batch = this.map.items(0, 256);
      if (batch.length === 0) return;
      for (const [key] of batch) this.map.remove(key);
    }
  }

  private splitUpwards(meta: Meta, ids: number[], nodes: IndexNode[]): void {
    let level = nodes.length - 1;
    let node = nodes[level]!;
    while (node.keys.length > INDEX_FANOUT) {
      const rightId = meta.nextId++;
      const half = node.keys.length >> 1;
      let separator: string;
      let right: IndexNode;
      if (node.leaf) {
        right = {
          leaf: true,
          keys: node.keys.splice(half),
          pks: node.pks.splice(half),
          next: node.next,
        };
        node.next = rightId;
        separator = right.keys[0]!;
      } else {
        separator = node.keys[half]!;
        right = {
          leaf: false,
          keys: node.keys.splice(half + 1),
          children: node.children.splice(half + 1),
        };
        node.keys.splice(half);
      }
      this.write(ids[level]!, node);
      this.write(rightId, right);
      if (level === 0) {
        const rootId = meta.nextId++;
        this.write(rootId, { leaf: false, keys: [separator], children: [ids[0]!, rightId] });
        meta.root = rootId;
        this.writeMeta(meta);
        return;
      }
      level -= 1;
      const parent = nodes[level] as Branch;
      const slot = search(parent.keys, separator, true);
      parent.keys.splice(slot, 0, separator);
      parent.children.splice(slot + 1, 0, rightId);
      node = parent;
    }
    this.write(ids[level]!, node);
    if (level < nodes.length - 1) this.writeMeta(meta);
  }

  /** Nodes from the root to the leaf that holds (or would hold) `entry`. */
  private path(meta: Meta, entry: string): { ids: number[]; nodes: IndexNode[] } {
    const ids: number[] = [];
    const nodes: IndexNode[] = [];
    let id = meta.root;
    for (;;) {
      const node = this.read(id);
      ids.push(id);
      nodes.push(node);
      if (node.leaf) return { ids, nodes };
      id = node.children[search(node.keys, entry, true)]!;
    }
  }

  /** The root and the next free node id, as a copy the caller may change and write back. */
  private meta(): Meta {
    if (this.cachedMeta === undefined) {
      const bytes = this.map.get(META_KEY);
      if (bytes === undefined) {
        this.write(1, { leaf: true, keys: [], pks: [], next: 0 });
        this.writeMeta({ root: 1, nextId: 2 });
      } else {
        this.cachedMeta = decodeValue(bytes) as Meta;
      }
    }
    return { ...this.cachedMeta! };
  }

  private writeMeta(meta: Meta): void {
    this.map.insert(META_KEY, encodeValue(meta));
    this.cachedMeta = { ...meta };
  }

  private read(id: number): IndexNode {
    const cached = this.nodes.get(id);
    if (cached !== undefined) return cached;
    const bytes = this.map.get(nodeKey(id));
    if (bytes === undefined) throw new Error(`index '${this.name}' has no node ${id}`);
    const node = decodeNode(bytes);
    this.remember(id, node);
    return node;
  }

  private write(id: number, node: IndexNode): void {
    this.map.insert(nodeKey(id), encodeNode(node));
    this.remember(id, node);
  }

  /** Keeps the most recently used nodes (a Map iterates in insertion order). */
  private remember(id: number, node: IndexNode): void {
    this.nodes.delete(id);
    this.nodes.set(id, node);
    if (this.nodes.size > CACHED_NODES) this.nodes.delete(this.nodes.keys().next().value!);
  }
}
