import { mkdir, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { compiledCli } from './compiled-cli.js';

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url));

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
  it('bundles no source that finds files from import.meta.url at another depth than the bundle', async () => {
    // The bundle (cli/.compiled/main.mjs) answers import.meta.url for every source in it, so a
    // relative URL resolves as in the source only from a file two levels below the root.
    expect(await compiledCli(REPO_ROOT)).toBeDefined();
    const inputs = JSON.parse(
      await readFile(join(REPO_ROOT, 'cli', '.compiled', 'inputs.json'), 'utf8'),
    ) as Record<string, string>;
    const paths = Object.keys(inputs);
    expect(paths).toContain('cli/main.ts');
    const elsewhere: string[] = [];
    for (const path of paths) {
      const text = await readFile(join(REPO_ROOT, path), 'utf8');
      if (text.includes('import.meta.url') && path.split('/').length !== 3) elsewhere.push(path);
    }
    expect(elsewhere).toEqual([]);
  });

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
