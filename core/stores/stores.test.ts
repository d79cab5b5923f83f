import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { MemoryPlatform } from '../testing/memory-platform.ts';
import { decodeValue, encodeValue } from './codec.ts';
import { decodeNode } from './index-node-codec.ts';
import { encodeLegacyValue } from './legacy-codec.ts';
import { MemoryRegistry, REGISTRY_MEMORY_ID } from './memory-registry.ts';
import type { StoreKey } from './key-codec.ts';
import { INDEX_FANOUT } from './store-index.ts';
import { StoreRegistry } from './store-registry.ts';

interface Task {
  owner: string;
  title: string;
}

function openTasks(platform: MemoryPlatform, extraStoreFirst = false) {
  const registry = new StoreRegistry();
  if (extraStoreFirst) registry.declare('audit', { name: 'log' });
  const tasks = registry.declare<Task>('tasks', {
    name: 'tasks',
    indexes: { owner: (task) => task.owner },
  });
  return { registry, tasks };
}

describe('codec', () => {
  it('round-trips every supported kind of value', () => {
    const value = {
      text: 'héllo',
      small: -42,
      float: 1.5,
      big: -(2n ** 70n),
      flags: [true, false, null, undefined],
      bytes: new Uint8Array([0, 255]),
      who: Principal.fromText('aaaaa-aa'),
      nested: { opt: [] as unknown[] },
    };
    const decoded = decodeValue(encodeValue(value)) as typeof value;
    expect({ ...decoded, who: decoded.who.toText() }).toEqual({ ...value, who: 'aaaaa-aa' });
  });

  it('round-trips values JSON cannot hold: special numbers, undefined, tag-like keys', () => {
    const value = {
      numbers: [NaN, Infinity, -Infinity, -0, 0, 2 ** 60],
      gaps: [undefined, 1],
      tricky: { '\u0000': 'a key like a tag', v: 1 },
      deep: [{ big: 7n, who: Principal.anonymous() }],
    };
    const decoded = decodeValue(encodeValue(value)) as typeof value;
    expect(decoded.numbers).toEqual(value.numbers);
    expect(Object.is(decoded.numbers[3], -0)).toBe(true);
    expect(decoded.gaps[0]).toBeUndefined();
    expect(decoded.tricky).toEqual(value.tricky);
    expect(decoded.deep[0]!.big).toBe(7n);
    expect(decoded.deep[0]!.who.toText()).toBe(Principal.anonymous().toText());
    expect(decodeValue(encodeValue(undefined))).toBeUndefined();
    expect(decodeValue(encodeValue('plain'))).toBe('plain');
  });

  it('writes JSON text: a plain record is its JSON behind one header byte', () => {
    const record = { id: 12, title: 'buy milk', done: false };
    const bytes = encodeValue(record);
    expect(new TextDecoder().decode(bytes.subarray(1))).toBe(JSON.stringify(record));
    expect(bytes[0]).toBe(0x40);
    expect(encodeValue({ title: 'ünï' })[0]).toBe(0x42);
    expect(encodeValue({ at: 1n })[0]).toBe(0x41);
  });

  it('still reads values written in the first (binary) format', () => {
    const value = {
      text: 'héllo',
      n: -3,
      big: 2n ** 70n,
      list: [true, null],
      raw: new Uint8Array([1]),
    };
    expect(decodeValue(encodeLegacyValue(value))).toEqual(value);
    expect(() => decodeValue(new Uint8Array([0x63]))).toThrow(/unknown format/);
  });
});

describe('memory-id registry', () => {
  it('keeps every existing store on its memory id when a store is added before it', () => {
    const platform = new MemoryPlatform();
    const first = openTasks(platform);
    first.registry.open(platform, 'init');
    first.tasks.set('t1', { owner: 'alice', title: 'one' });
    const registry = new MemoryRegistry(platform.stableMap(REGISTRY_MEMORY_ID));
    const before = registry.lookup('tasks/tasks')!.memoryId;

    platform.upgrade();
    const second = openTasks(platform, true);
    second.registry.open(platform, 'postUpgrade');

    expect(registry.lookup('tasks/tasks')!.memoryId).toBe(before);
    expect(registry.lookup('audit/log')!.memoryId).toBeGreaterThan(before);
    expect(second.tasks.get('t1')).toEqual({ owner: 'alice', title: 'one' });
    expect(second.tasks.findBy('owner', 'alice').entries).toHaveLength(1);
  });

  it('never hands out memory id 0 (the registry) or 254 (Azle)', () => {
    const platform = new MemoryPlatform();
    const registry = new MemoryRegistry(platform.stableMap(REGISTRY_MEMORY_ID));
    const ids = Array.from({ length: 253 }, (_, i) => registry.assign(`s${i}`, 1).entry.memoryId);
    expect(Math.min(...ids)).toBe(1);
    expect(Math.max(...ids)).toBe(253);
    expect(() => registry.assign('one-too-many', 1)).toThrow(/no stable memory id is left/);
  });
});

describe('schema migrations', () => {
  it('migrates stored values at postUpgrade and rebuilds indexes', () => {
    const platform = new MemoryPlatform();
    const v1 = new StoreRegistry();
    const old = v1.declare<{ owner: string; name: string }>('tasks', { name: 'tasks' });
    v1.open(platform, 'init');
    old.set(1n, { owner: 'alice', name: 'a' });
    old.set(2n, { owner: 'bob', name: 'b' });

    platform.upgrade();
    const v2 = new StoreRegistry();
    const tasks = v2.declare<Task>('tasks', {
      name: 'tasks',
      version: 2,
      migrations: {
        2: (previous) => ({
          owner: (previous as { owner: string }).owner,
          title: (previous as { name: string }).name.toUpperCase(),
        }),
      },
      indexes: { owner: (task) => task.owner },
    });
    v2.open(platform, 'postUpgrade');

    expect(tasks.get(1n)).toEqual({ owner: 'alice', title: 'A' });
    expect(tasks.findBy('owner', 'bob').entries).toEqual([[2n, { owner: 'bob', title: 'B' }]]);
    const registry = new MemoryRegistry(platform.stableMap(REGISTRY_MEMORY_ID));
    expect(registry.lookup('tasks/tasks')!.version).toBe(2);
  });

  it('refuses to open a store whose migration to the declared version is missing', () => {
    const platform = new MemoryPlatform();
    const v1 = new StoreRegistry();
    v1.declare('tasks', { name: 'tasks' });
    v1.open(platform, 'init');
    const v3 = new StoreRegistry();
    v3.declare('tasks', { name: 'tasks', version: 3, migrations: { 2: (v) => v } });
    expect(() => v3.open(platform, 'postUpgrade')).toThrow(/no migration to version 3/);
  });
});

describe('secondary indexes', () => {
  it('pages through one value in key order, following updates and deletions', () => {
    const platform = new MemoryPlatform();
    const { registry, tasks } = openTasks(platform);
    registry.open(platform, 'init');
    const total = INDEX_FANOUT * 5 + 7;
    for (let i = 0; i < total; i++) {
      tasks.set(BigInt(i), { owner: i % 2 === 0 ? 'alice' : 'bob', title: `t${i}` });
    }
    tasks.delete(2n);
    tasks.set(4n, { owner: 'bob', title: 'moved' });

    const seen: bigint[] = [];
    let after: StoreKey | undefined;
    let pages = 0;
    do {
      const page = tasks.findBy('owner', 'alice', after, 10);
      seen.push(...page.entries.map(([key]) => key as bigint));
      after = page.next;
      pages += 1;
    } while (after !== undefined);
    const expected = Array.from({ length: total }, (_, i) => BigInt(i)).filter(
      (i) => i % 2n === 0n && i !== 2n && i !== 4n,
    );
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 10));
    const bobs = tasks.findBy('owner', 'bob', undefined, 1000).entries;
    expect(bobs.find(([key]) => key === 4n)).toEqual([4n, { owner: 'bob', title: 'moved' }]);
    expect(bobs).toHaveLength(total - expected.length - 1);
  });

  it('scans a value range in value order, in pages, matching a brute-force filter', () => {
    const platform = new MemoryPlatform();
    const registry = new StoreRegistry();
    const events = registry.declare<{ start: bigint; title: string }>('calendar', {
      name: 'events',
      indexes: { start: (event) => event.start },
    });
    registry.open(platform, 'init');
    const starts = Array.from({ length: 700 }, (_, i) => BigInt((i * 7919) % 1000) - 300n);
    starts.forEach((start, i) => events.set(`e${i}`, { start, title: `event ${i}` }));

    const found: [StoreKey, bigint][] = [];
    let after: string | undefined;
    do {
      const page = events.findRange('start', -50n, 120n, { after, limit: 33 });
      found.push(...page.entries.map(([key, event]) => [key, event.start] as [StoreKey, bigint]));
      after = page.next;
    } while (after !== undefined);

    const expected = starts
      .map((start, i) => [`e${i}`, start] as [StoreKey, bigint])
      .filter(([, start]) => start >= -50n && start <= 120n)
      .sort(([ka, a], [kb, b]) =>
        a === b ? ((ka as string) < (kb as string) ? -1 : 1) : a < b ? -1 : 1,
      );
    expect(found).toEqual(expected);
  });

  it('reads about log n nodes plus the k entries it returns, not the whole store', () => {
    const platform = new MemoryPlatform();
    const { registry, tasks } = openTasks(platform);
    registry.open(platform, 'init');
    for (let i = 0; i < 5000; i++) tasks.set(BigInt(i), { owner: `o${i % 100}`, title: '' });
    const indexId = new MemoryRegistry(platform.stableMap(0)).lookup('tasks/tasks#owner')!.memoryId;
    const indexMap = platform.stableMap(indexId);
    let gets = 0;
    const get = indexMap.get.bind(indexMap);
    indexMap.get = (key) => {
      gets += 1;
      return get(key);
    };
    const page = tasks.findBy('owner', 'o7', undefined, 5);
    expect(page.entries.map(([key]) => key)).toEqual([7n, 107n, 207n, 307n, 407n]);
    expect(gets).toBeLessThanOrEqual(5);
  });
});

describe('data written by the first formats', () => {
  it('keeps answering and growing after an upgrade: binary records, byte-array index keys', () => {
    const platform = new MemoryPlatform();
    const first = openTasks(platform);
    first.registry.open(platform, 'init');
    for (let i = 0; i < INDEX_FANOUT * 3; i++) {
      first.tasks.set(`k${i}`, { owner: `o${i % 4}`, title: `t${i}` });
    }
    const registry = new MemoryRegistry(platform.stableMap(REGISTRY_MEMORY_ID));
    const rewrite = (name: string, convert: (value: unknown) => unknown) => {
      const map = platform.stableMap(registry.lookup(name)!.memoryId);
      for (const [key, bytes] of map.items(0, map.len())) {
        map.insert(key, encodeLegacyValue(convert(decodeValue(bytes))));
      }
    };
    const bytesOf = (binary: string) => Uint8Array.from(binary, (c) => c.charCodeAt(0));
    rewrite('tasks/tasks', (task) => task);
    const indexMap = platform.stableMap(registry.lookup('tasks/tasks#owner')!.memoryId);
    for (const [key, bytes] of indexMap.items(0, indexMap.len())) {
      const isMeta = key.length === 1;
      const node = isMeta ? decodeValue(bytes) : decodeNode(bytes);
      const keys = (node as { keys?: string[] }).keys;
      const first = keys === undefined ? node : { ...(node as object), keys: keys.map(bytesOf) };
      indexMap.insert(key, encodeLegacyValue(first));
    }

    platform.upgrade();
    const second = openTasks(platform);
    second.registry.open(platform, 'postUpgrade');
    expect(second.tasks.get('k5')).toEqual({ owner: 'o1', title: 't5' });
    const o1 = second.tasks.findBy('owner', 'o1', undefined, 1000).entries.map(([key]) => key);
    expect(o1).toHaveLength((INDEX_FANOUT * 3) / 4);
    second.tasks.set('k5', { owner: 'o2', title: 'moved' });
    for (let i = 0; i < INDEX_FANOUT; i++) second.tasks.set(`n${i}`, { owner: 'o1', title: '' });
    const after = second.tasks.findBy('owner', 'o1', undefined, 1000).entries.map(([key]) => key);
    expect(after).toHaveLength(o1.length - 1 + INDEX_FANOUT);
    expect(after).toEqual([...after].sort());
    expect(second.tasks.findBy('owner', 'o2', undefined, 1000).entries.map(([k]) => k)).toContain(
      'k5',
    );
  });
});
