import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { compiledCli } from './compiled-cli.js';

const roots: string[] = [];

/** A package whose cli/main.ts exports the greeting of an imported module and a folder from import.meta.url. */
async function packageWith(greeting: string): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'compiled-cli-'));
  roots.push(root);
  await mkdir(join(root, 'cli', 'config'), { recursive: true });
  await writeFile(
    join(root, 'cli', 'main.ts'),
    "export { greeting, packageRoot } from './config/greeting.ts';\n",
  );
  await writeGreeting(root, greeting);
  return root;
}

async function writeGreeting(root: string, greeting: string) {
  const file = join(root, 'cli', 'config', 'greeting.ts');
  await writeFile(
    file,
    `import { fileURLToPath } from 'node:url';\n` +
      `export const greeting: string = ${JSON.stringify(greeting)};\n` +
      `export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));\n`,
  );
  // Written before the compile starts (a source saved during it leaves the record stale).
  const earlier = new Date(Date.now() - 60_000 + greeting.length * 1000);
  await utimes(file, earlier, earlier);
}

async function load(url: string) {
  return (await import(`${url}?v=${Math.random()}`)) as { greeting: string; packageRoot: string };
}

afterEach(async () => {
  vi.unstubAllEnvs();
  for (const root of roots.splice(0)) {
    await rm(root, { recursive: true, force: true });
  }
});

describe('compiledCli', () => {
  it('compiles the sources once, and again after one of them changed', async () => {
    const root = await packageWith('hello');
    const url = await compiledCli(root);
    expect(url).toMatch(/\/cli\/\.compiled\/main\.mjs$/);
    const first = await load(url!);
    expect(first.greeting).toBe('hello');
    // import.meta.url paths resolve as from the sources (two levels below the root).
    expect(join(first.packageRoot)).toBe(join(root, '/'));

    const bundle = join(root, 'cli', '.compiled', 'main.mjs');
    await writeFile(bundle, `${await readFile(bundle, 'utf8')}\n// untouched\n`);
    expect(await compiledCli(root)).toBe(url);
    expect(await readFile(bundle, 'utf8')).toContain('// untouched');

    await writeGreeting(root, 'hello again');
    expect((await load((await compiledCli(root))!)).greeting).toBe('hello again');
    expect(await readFile(bundle, 'utf8')).not.toContain('// untouched');
  });

  it('leaves the sources to tsx when asked to, or when the bundle cannot be compiled or written', async () => {
    const root = await packageWith('hi');
    vi.stubEnv('ICP_CALENDAR_SOURCES', '1');
    expect(await compiledCli(root)).toBeUndefined();
    vi.unstubAllEnvs();

    await writeFile(join(root, 'cli', 'main.ts'), 'export const broken = ;\n');
    expect(await compiledCli(root)).toBeUndefined();

    const unwritable = await packageWith('hi');
    await writeFile(join(unwritable, 'cli', '.compiled'), 'a file where the folder would go');
    expect(await compiledCli(unwritable)).toBeUndefined();
  });
});
