import type { Occurrence, TimeRange } from './calendar-source.ts';

/**
 * Least-recently-used cache of occurrence lists keyed by calendar ids and exact range. Entries hold the
 * promise, so a range asked twice while loading is fetched once.
 */
export class RangeCache {
  private readonly entries = new Map<string, Promise<Occurrence[]>>();
  constructor(private readonly capacity = 6) {}

  static key(calendarIds: string[], range: TimeRange): string {
    return `${[...calendarIds].sort().join(',')}|${range.start}|${range.end}`;
  }

  get(key: string): Promise<Occurrence[]> | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  set(key: string, value: Promise<Occurrence[]>): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value!);
    }
    // A failed load must not stay cached.
    value.catch(() => {
      if (this.entries.get(key) === value) this.entries.delete(key);
    });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }
}
