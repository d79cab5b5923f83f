import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { IDL } from '@dfinity/candid';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { generateCollection } from '../cli/build/generate-collection.ts';
import { FRAMEWORK_ROOT } from '../cli/config/config-paths.ts';
import { formatConfigError, formatConfigErrors } from '../cli/config/config-errors.ts';
import { loadCanisterConfig } from '../cli/config/load-canister-config.ts';
import { codeBlocks, type CodeBlock } from './code-blocks.ts';
import { printService, type RegisteredMethod } from './print-candid.ts';
import { COLOUR_PROPERTIES } from '../web-components/components/shared-styles.ts';

// Every code block of the guides is checked here, so the docs cannot drift from the code.
const DOCS = fileURLToPath(new URL('.', import.meta.url));
const registered: RegisteredMethod[] = [];

vi.mock('azle', async () => {
  const stub = await import('../core/testing/azle-stub.ts');
  const record =
    (mode: 'query' | 'update') =>
    (params: IDL.Type[], result?: IDL.Type) =>
    (_method: unknown, context: ClassMethodDecoratorContext) => {
      registered.push({ name: String(context.name), mode, params, result });
    };
  return { ...stub, query: record('query'), update: record('update') };
});

const guide = async (file: string) => codeBlocks(await readFile(join(DOCS, file), 'utf8'));
const titled = (blocks: CodeBlock[], title: string) => {
  const block = blocks.find((candidate) => candidate.title === title);
  if (block === undefined) throw new Error(`no block titled "${title}"`);
  return block;
};

let scratch: string;
beforeAll(async () => {
  // Inside the repository, so `icp-calendar/core` resolves to this package by its own name.
  scratch = await mkdtemp(join(FRAMEWORK_ROOT, 'docs', '.check-'));
});
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** Writes a canister.yaml block (and a stub service when it names one) and loads it. */
async function loadYaml(block: CodeBlock, folder: string) {
  const dir = join(scratch, 'canisters', folder);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'canister.yaml'), block.code);
  if (/^service:/m.test(block.code))
    await writeFile(join(dir, 'service.ts'), 'export default [];\n');
  return loadCanisterConfig(join(dir, 'canister.yaml'), {
    repoRoot: FRAMEWORK_ROOT,
    projectRoot: scratch,
    pluginRoots: [join(scratch, 'plugins')],
  });
}

function typeErrors(files: string[]): string[] {
  const program = ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true,
    allowImportingTsExtensions: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  return ts
    .getPreEmitDiagnostics(program)
    .filter(
      (diagnostic) => diagnostic.file === undefined || files.includes(diagnostic.file.fileName),
    )
    .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
}

describe('docs/write-a-plugin.md', () => {
  it('its plugin folder type-checks against icp-calendar/core and its YAML validates', async () => {
    const blocks = await guide('write-a-plugin.md');
    const pluginDir = join(scratch, 'plugins', 'visits');
    await mkdir(pluginDir, { recursive: true });
    const files: string[] = [];
    for (const block of blocks.filter((candidate) => candidate.title !== undefined)) {
      if (block.title === 'canister.yaml') continue;
      const path = join(pluginDir, block.title!);
      await writeFile(path, block.code);
      if (block.lang === 'ts') files.push(path);
    }
    expect(files.map((file) => file.slice(pluginDir.length + 1)).sort()).toEqual([
      'index.ts',
      'migrations.ts',
      'plugin.ts',
    ]);
    expect(typeErrors(files)).toEqual([]);

    const loaded = await loadYaml(titled(blocks, 'canister.yaml'), 'visited');
    expect(loaded.ok ? [] : formatConfigErrors(loaded.errors)).toEqual([]);
    if (!loaded.ok) return;
    expect(loaded.config.plugins.map((use) => [use.name, use.options])).toEqual([
      ['auth', {}],
      ['visits', { quota: 100 }],
    ]);
  });
});

describe('docs/canister-yaml.md', () => {
  it('its collection YAML validates and generates exactly the Candid the guide shows', async () => {
    const blocks = await guide('canister-yaml.md');
    const loaded = await loadYaml(titled(blocks, 'canisters/bookmarks/canister.yaml'), 'bookmarks');
    if (!loaded.ok) throw new Error(formatConfigErrors(loaded.errors));
    const dir = join(scratch, 'generated');
    const coreImport = relative(dir, join(FRAMEWORK_ROOT, 'core', 'index.ts'));
    const generated = generateCollection(loaded.config.collections[0]!, 'guide', coreImport);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, generated.path), generated.contents);
    const module = await import(pathToFileURL(join(dir, generated.path)).href);
    const candid = printService(registered.splice(0), [
      ['Error', IDL.Record({ code: IDL.Text, message: IDL.Text })],
      ['Bookmark', module.BookmarkRecord],
      ['BookmarkInput', module.BookmarkInputRecord],
      ['BookmarkPage', module.BookmarkPage],
    ]);
    expect(titled(blocks, 'bookmark endpoints').code).toBe(candid);
  });

  it('its domain type validates, and the error it shows is the one a bad option gets', async () => {
    const blocks = await guide('canister-yaml.md');
    const yaml = titled(blocks, 'canisters/notes/canister.yaml');
    const good = await loadYaml(yaml, 'notes');
    expect(good.ok ? [] : formatConfigErrors(good.errors)).toEqual([]);
    const bad = await loadYaml({ ...yaml, code: yaml.code.replace('1000', '0') }, 'notes');
    const shown = blocks.find((block) => block.lang === 'text')!.code.trim();
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(
      bad.errors.map((error) =>
        formatConfigError({ ...error, file: error.file.replace(/^.*canisters\//, 'canisters/') }),
      ),
    ).toEqual([shown]);
  });
});

describe('docs/embed.md', () => {
  it('uses only attributes, events, parts and custom properties the element has', async () => {
    const blocks = await guide('embed.md');
    const manifest = JSON.parse(
      await readFile(join(FRAMEWORK_ROOT, 'web-components', 'custom-elements.json'), 'utf8'),
    ) as {
      modules: {
        declarations?: {
          tagName?: string;
          attributes?: { name: string }[];
          events?: { name: string }[];
        }[];
      }[];
    };
    const element = manifest.modules
      .flatMap((module) => module.declarations ?? [])
      .find((declaration) => declaration.tagName === 'icp-calendar')!;
    const attributes = new Set(element.attributes!.map((attribute) => attribute.name));
    const events = new Set(element.events!.map((event) => event.name));
    const sources = await componentSources();

    const html = blocks.filter((block) => block.lang === 'html').map((block) => block.code);
    const used = html.flatMap((code) =>
      [...code.matchAll(/<icp-calendar\b([^>]*)>/g)].flatMap((tag) =>
        [...tag[1]!.matchAll(/([a-z-]+)=/g)].map((match) => match[1]!),
      ),
    );
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((name) => !attributes.has(name))).toEqual([]);
    const listened = html.flatMap((code) =>
      [...code.matchAll(/addEventListener\('([a-z-]+)'/g)].map((match) => match[1]!),
    );
    expect(listened.filter((name) => !events.has(name))).toEqual([]);

    const css = blocks
      .filter((block) => block.lang === 'css')
      .map((block) => block.code)
      .join('\n');
    const properties = [...css.matchAll(/(--icp-calendar-[a-z-]+):/g)].map((match) => match[1]!);
    const parts = [...css.matchAll(/::part\(([a-z-]+)\)/g)].map((match) => match[1]!);
    expect(properties.length).toBeGreaterThan(0);
    expect(
      properties.filter(
        (property) => !sources.includes(`var(${property}`) && !COLOUR_PROPERTIES.includes(property),
      ),
    ).toEqual([]);
    expect(parts.filter((part) => !sources.includes(`part="${part}"`))).toEqual([]);
  });
});

async function componentSources(): Promise<string> {
  const dir = join(FRAMEWORK_ROOT, 'web-components', 'components');
  const files = (await readdir(dir)).filter(
    (file) => file.endsWith('.ts') && !file.includes('.test.'),
  );
  return (await Promise.all(files.map((file) => readFile(join(dir, file), 'utf8')))).join('\n');
}
