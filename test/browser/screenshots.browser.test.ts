import { createHash } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { afterAll, describe, expect, it } from 'vitest';

import {
  SCREENSHOT_LAYOUTS,
  SCREENSHOT_VIEWS,
  writeScreenshots,
} from '../../web-components/screenshots.ts';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
let dir: string | undefined;

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('npm run screenshots', () => {
  it('writes a PNG of every view in light, dark and the phone layout, each at its viewport', async () => {
    dir = await mkdtemp(join(tmpdir(), 'icp-calendar-screenshots-'));
    const written = await writeScreenshots(dir);
    const expected = Object.keys(SCREENSHOT_LAYOUTS).flatMap((layout) =>
      SCREENSHOT_VIEWS.map((view) => `${layout}-${view}.png`),
    );
    expect(written.map((file) => file.slice(dir!.length + 1))).toEqual(expected);
    expect((await readdir(dir)).sort()).toEqual([...expected].sort());

    const hashes = new Set<string>();
    for (const name of expected) {
      const png = await readFile(join(dir, name));
      expect(png.subarray(0, 8).equals(PNG_SIGNATURE), name).toBe(true);
      // IHDR: width and height, big-endian, right after the signature and the chunk header.
      const layout = name.slice(0, name.indexOf('-')) as keyof typeof SCREENSHOT_LAYOUTS;
      expect([png.readUInt32BE(16), png.readUInt32BE(20)], name).toEqual([
        SCREENSHOT_LAYOUTS[layout].viewport.width,
        SCREENSHOT_LAYOUTS[layout].viewport.height,
      ]);
      hashes.add(createHash('sha256').update(png).digest('hex'));
    }
    // Every picture differs: each view and theme really changed what was drawn.
    expect(hashes.size).toBe(expected.length);
  }, 180_000);
});
