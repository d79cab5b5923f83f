import { describe, expect, it } from 'vitest';

import { Trap } from './errors.ts';
import { StableMemory, WASM_PAGE } from './stable-memory.ts';

describe('StableMemory', () => {
  it('grows by pages, zero-filled, and reports the old size', () => {
    const memory = new StableMemory();
    expect(memory.grow(2)).toBe(0);
    expect(memory.grow(1)).toBe(2);
    expect(memory.size).toBe(3 * WASM_PAGE);
    expect([...memory.read(3 * WASM_PAGE - 2, 2)]).toEqual([0, 0]);
  });

  it('traps on reads and writes past the end', () => {
    const memory = new StableMemory();
    memory.grow(1);
    expect(() => memory.write(WASM_PAGE - 1, new Uint8Array(2))).toThrow(Trap);
    expect(() => memory.read(WASM_PAGE, 1)).toThrow(/out of bounds/);
  });

  it('undoes writes and growth made since begin, and keeps them after commit', () => {
    const memory = new StableMemory();
    memory.grow(1);
    memory.write(10, new Uint8Array([1, 2, 3]));
    memory.begin();
    memory.write(11, new Uint8Array([9, 9]));
    memory.grow(2);
    memory.write(WASM_PAGE * 2, new Uint8Array([7]));
    memory.rollback();
    expect(memory.pages).toBe(1);
    expect([...memory.read(10, 3)]).toEqual([1, 2, 3]);
    memory.grow(2);
    expect([...memory.read(WASM_PAGE * 2, 1)]).toEqual([0]);

    memory.begin();
    memory.write(10, new Uint8Array([5]));
    memory.commit();
    memory.rollback();
    expect([...memory.read(10, 1)]).toEqual([5]);
  });

  it('restores the first saved copy when one page is written many times', () => {
    const memory = new StableMemory();
    memory.grow(1);
    memory.begin();
    for (let i = 1; i < 50; i++) memory.write(100, new Uint8Array([i]));
    memory.rollback();
    expect([...memory.read(100, 1)]).toEqual([0]);
  });

  it('holds only the pages written: growth is free and other pages read as zeros', () => {
    const memory = new StableMemory();
    memory.grow(60_000);
    expect([...memory.storedPages()]).toEqual([]);
    memory.write(WASM_PAGE - 2, new Uint8Array([1, 2, 3, 4]));
    expect([...memory.storedPages()]).toEqual([0, 1]);
    expect([...memory.read(WASM_PAGE - 3, 6)]).toEqual([0, 1, 2, 3, 4, 0]);
    expect([...memory.read(59_999 * WASM_PAGE, 2)]).toEqual([0, 0]);
    expect(memory.takeWrittenPages()).toBe('all');
    memory.write(5 * WASM_PAGE, new Uint8Array([9]));
    expect([...(memory.takeWrittenPages() as Set<number>)]).toEqual([5]);
  });

  it('drops the pages of a rolled-back growth, and clones share no bytes', () => {
    const memory = new StableMemory();
    memory.grow(1);
    memory.begin();
    memory.grow(3);
    memory.write(2 * WASM_PAGE, new Uint8Array([7]));
    memory.rollback();
    expect([...memory.storedPages()]).toEqual([]);
    memory.write(0, new Uint8Array([1]));
    const clone = memory.clone();
    memory.write(0, new Uint8Array([2]));
    expect([...clone.read(0, 1)]).toEqual([1]);
    expect(clone.pages).toBe(1);
  });
});
