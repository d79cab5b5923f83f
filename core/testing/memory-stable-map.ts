import type { RawStableMap } from '../platform/platform.ts';

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return a.length - b.length;
}

/** A sorted in-memory stand-in for a StableBTreeMap (Node unit tests only). */
export class MemoryStableMap implements RawStableMap {
  private readonly entries: [Uint8Array, Uint8Array][] = [];

  private search(key: Uint8Array): { found: boolean; index: number } {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      const order = compareBytes(this.entries[middle]![0], key);
      if (order === 0) return { found: true, index: middle };
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    return { found: false, index: low };
  }

  get(key: Uint8Array): Uint8Array | undefined {
    const { found, index } = this.search(key);
    return found ? this.entries[index]![1].slice() : undefined;
  }
  insert(key: Uint8Array, value: Uint8Array): void {
    const { found, index } = this.search(key);
    if (found) this.entries[index]![1] = value.slice();
    else this.entries.splice(index, 0, [key.slice(), value.slice()]);
  }
  remove(key: Uint8Array): void {
    const { found, index } = this.search(key);
    if (found) this.entries.splice(index, 1);
  }
  containsKey(key: Uint8Array): boolean {
    return this.search(key).found;
  }
  len(): number {
    return this.entries.length;
  }
  items(start: number, length: number): [Uint8Array, Uint8Array][] {
    return this.entries.slice(start, start + length).map(([k, v]) => [k.slice(), v.slice()]);
  }
}
