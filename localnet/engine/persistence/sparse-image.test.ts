import { describe, expect, it } from 'vitest';
import { pagedBytes, SparseImage } from './sparse-image.ts';
import { decodePageMap, overlayPageFiles } from './sparse-pages.ts';

const PAGE = 65536;

function memoryOf(pages: number): Uint8Array {
  return new Uint8Array(pages * PAGE);
}

/** Captures `memory` into `image` and returns the file that capture adds, joined. */
function capture(image: SparseImage, memory: Uint8Array, written: number[] | 'all') {
  image.update(pagedBytes(memory), written);
  const file = image.addFile('heap-x');
  return { name: file.name, bytes: new Uint8Array(Buffer.concat(file.parts())) };
}

function expectOverlayEquals(files: Uint8Array[], memory: Uint8Array) {
  const { totalPages, pages } = overlayPageFiles(files);
  const rebuilt = new Uint8Array(totalPages * PAGE);
  for (const [page, bytes] of pages) rebuilt.set(bytes, page * PAGE);
  expect(Buffer.from(rebuilt).equals(Buffer.from(memory))).toBe(true);
}

describe('sparse image chains', () => {
  it('writes a full file first, then deltas of only the changed pages, zeroed and grown ones included', () => {
    const image = new SparseImage();
    let memory = memoryOf(200);
    for (let page = 0; page < 200; page++) memory[page * PAGE + 7] = page + 1;
    const files = [capture(image, memory, 'all')];
    expect(files[0]!.name).toBe('heap-x-1.pages');
    expect(decodePageMap(files[0]!.bytes).pages.size).toBe(200);

    memory[3 * PAGE] = 99;
    memory.fill(0, 5 * PAGE, 6 * PAGE); // page 5 is zero now
    files.push(capture(image, memory, [3, 5, 6]));
    expect(files[1]!.name).toBe('heap-x-2.delta');
    expect([...decodePageMap(files[1]!.bytes).pages.keys()].sort()).toEqual([3, 5]);
    expect(image.chain).toEqual(['heap-x-1.pages', 'heap-x-2.delta']);

    const grown = memoryOf(210);
    grown.set(memory);
    grown[205 * PAGE] = 1;
    memory = grown;
    files.push(capture(image, memory, [205]));
    expect(decodePageMap(files[2]!.bytes).totalPages).toBe(210);
    expectOverlayEquals(
      files.map((f) => f.bytes),
      memory,
    );
  });

  it('folds the chain into a new full file once its deltas hold more than half the image', () => {
    const image = new SparseImage();
    const memory = memoryOf(256);
    for (let page = 0; page < 256; page++) memory[page * PAGE] = 1;
    capture(image, memory, 'all');
    const changeAll = (value: number, from: number, count: number) => {
      const pages = Array.from({ length: count }, (_, n) => from + n);
      for (const page of pages) memory[page * PAGE + 1] = value;
      return capture(image, memory, pages);
    };
    expect(changeAll(2, 0, 100).name).toMatch(/\.delta$/);
    const folded = changeAll(3, 100, 100);
    expect(folded.name).toMatch(/\.pages$/);
    expect(image.chain).toEqual([folded.name]);
    expectOverlayEquals([folded.bytes], memory);
  });

  it('starts a new full file after 32 files in a chain', () => {
    const image = new SparseImage();
    const memory = memoryOf(100);
    for (let page = 0; page < 100; page++) memory[page * PAGE] = 1;
    capture(image, memory, 'all');
    const names: string[] = [];
    for (let n = 0; n < 32; n++) {
      memory[PAGE + 2] = n + 2;
      names.push(capture(image, memory, [1]).name);
    }
    expect(names.slice(0, 31).every((name) => name.endsWith('.delta'))).toBe(true);
    expect(names[31]).toMatch(/\.pages$/);
    expect(image.chain).toHaveLength(1);
  });
});
