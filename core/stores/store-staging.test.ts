import { describe, expect, it } from 'vitest';

import { MemoryPlatform } from '../testing/memory-platform.ts';
import { StoreRegistry } from './store-registry.ts';

interface Task {
  owner: string;
  title: string;
}

function openTasks(platform: MemoryPlatform) {
  const registry = new StoreRegistry();
  const tasks = registry.declare<Task>('tasks', {
    name: 'tasks',
    indexes: { owner: (task) => task.owner },
  });
  registry.open(platform, 'init');
  return { registry, tasks };
}

function exported(count: number, title = 't') {
  const platform = new MemoryPlatform();
  const { registry, tasks } = openTasks(platform);
  for (let i = 0; i < count; i++) tasks.set(`k${i}`, { owner: `o${i % 3}`, title: `${title}${i}` });
  const chunks: [Uint8Array, Uint8Array][][] = [];
  let start: number | undefined = 0;
  while (start !== undefined) {
    const chunk = registry.exportChunk('tasks/tasks', start, 10);
    chunks.push(chunk.entries);
    start = chunk.next;
  }
  return chunks;
}

const owners = (tasks: ReturnType<typeof openTasks>['tasks'], owner: string) =>
  tasks.findBy('owner', owner, undefined, 1000).entries.map(([key]) => key);

describe('staged import (import shadows)', () => {
  it('stages chunks without touching the store, then swaps them in at once, indexes included', () => {
    const chunks = exported(25);
    expect(chunks).toHaveLength(3);
    const platform = new MemoryPlatform();
    const { registry, tasks } = openTasks(platform);
    tasks.set('stale', { owner: 'o0', title: 'gone after the swap' });

    for (const entries of chunks) registry.stage('tasks/tasks', entries);
    expect(registry.stagedCount('tasks/tasks')).toBe(25);
    expect(tasks.size()).toBe(1);
    expect(owners(tasks, 'o0')).toEqual(['stale']);

    registry.swapStaged('tasks/tasks');
    expect(tasks.size()).toBe(25);
    expect(tasks.get('stale')).toBeUndefined();
    expect(tasks.get('k7')).toEqual({ owner: 'o1', title: 't7' });
    expect(owners(tasks, 'o0')).toHaveLength(9);
    // The old record is now the shadow's, until cleared.
    expect(registry.stagedCount('tasks/tasks')).toBe(1);

    // The swap is in the persisted registry: after an upgrade the store is still the import.
    platform.upgrade();
    const reopened = new StoreRegistry();
    const again = reopened.declare<Task>('tasks', {
      name: 'tasks',
      indexes: { owner: (task) => task.owner },
    });
    reopened.open(platform, 'postUpgrade');
    expect(again.size()).toBe(25);
    expect(owners(again, 'o2')).toHaveLength(8);
    expect(reopened.stagedCount('tasks/tasks')).toBe(1);
  });

  it('clears a shadow in bounded batches, and a second import over it sees fresh indexes', () => {
    const platform = new MemoryPlatform();
    const { registry, tasks } = openTasks(platform);
    for (const entries of exported(25, 'first')) registry.stage('tasks/tasks', entries);
    const remaining: number[] = [];
    for (let left = -1; left !== 0;)
      remaining.push((left = registry.clearStaged('tasks/tasks', 10)));
    // 25 records plus their index nodes, 10 at a time.
    expect(remaining.length).toBeGreaterThanOrEqual(3);
    expect(remaining).toEqual([...remaining].sort((a, b) => b - a));
    expect(registry.stagedCount('tasks/tasks')).toBe(0);

    for (const entries of exported(12, 'second')) registry.stage('tasks/tasks', entries);
    registry.swapStaged('tasks/tasks');
    expect(tasks.size()).toBe(12);
    expect(tasks.get('k3')).toEqual({ owner: 'o0', title: 'second3' });
    expect(owners(tasks, 'o0')).toEqual(['k0', 'k3', 'k6', 'k9']);
    tasks.set('k12', { owner: 'o0', title: 'after' });
    expect(owners(tasks, 'o0')).toHaveLength(5);
  });

  it('refuses an entry that does not decode, and leaves the store as it was', () => {
    const platform = new MemoryPlatform();
    const { registry, tasks } = openTasks(platform);
    tasks.set('keep', { owner: 'a', title: 'kept' });
    const good = exported(3)[0]!;
    const bad: [Uint8Array, Uint8Array] = [new Uint8Array([0x74, 0x78]), new Uint8Array([99])];
    expect(() => registry.stage('tasks/tasks', [...good, bad])).toThrow(
      /entry 3 of 'tasks\/tasks'/,
    );
    expect(tasks.size()).toBe(1);
    expect(tasks.get('keep')).toEqual({ owner: 'a', title: 'kept' });
    expect(() => registry.stage('nope', good)).toThrow(/no store named 'nope'/);
    expect(() => new StoreRegistry().stagedCount('x')).toThrow(/after init\/postUpgrade/);
  });
});
