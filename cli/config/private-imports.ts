import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';

import type { ConfigError } from './config-errors.ts';
import { shownPath } from './config-paths.ts';

/** Subpath patterns of the framework package's `exports` (`./core`, `./plugins/*`, …). */
export type PublicEntries = readonly string[];

const SPECIFIER = /\b(?:from\s*|import\s*\(\s*|import\s+)(['"])([^'"\n]+)\1/g;

/**
 * A project's code may reach the framework only through the package's public exports. Reports
 * each import in `dirs` that names a non-exported `icp-calendar/…` subpath, or that goes into the
 * framework's folder by a relative path.
 */
export async function privateImportErrors(
  dirs: readonly string[],
  frameworkRoot: string,
  publicEntries: PublicEntries,
  projectRoot: string,
): Promise<ConfigError[]> {
  const errors: ConfigError[] = [];
  for (const dir of dirs) {
    for (const file of await typeScriptFiles(dir)) {
      const text = await readFile(file, 'utf8');
      for (const match of text.matchAll(SPECIFIER)) {
        const specifier = match[2]!;
        const problem = privacyProblem(specifier, dirname(file), frameworkRoot, publicEntries);
        if (problem === undefined) continue;
        const at = positionOf(text, match.index! + match[0].indexOf(match[1]!));
        errors.push({
          code: 'CONFIG_PRIVATE_IMPORT',
          file: shownPath(file, projectRoot),
          ...at,
          path: '',
          message: problem,
        });
      }
    }
  }
  return errors;
}

function privacyProblem(
  specifier: string,
  fromDir: string,
  frameworkRoot: string,
  publicEntries: PublicEntries,
): string | undefined {
  const expected = `imports of icp-calendar through ${publicEntries.map((entry) => `icp-calendar${entry.slice(1)}`).join(', ')}`;
  if (specifier === 'icp-calendar' || specifier.startsWith('icp-calendar/')) {
    const subpath = `.${specifier.slice('icp-calendar'.length)}`;
    if (publicEntries.some((entry) => matchesEntry(entry, subpath))) return undefined;
    return `expected ${expected}; got "${specifier}", which the package does not export`;
  }
  if (!specifier.startsWith('.')) return undefined;
  const target = resolve(fromDir, specifier);
  const inside = relative(frameworkRoot, target);
  if (inside.startsWith('..') || inside.startsWith(sep) || inside === target) return undefined;
  return `expected ${expected}; got "${specifier}", a path into the framework's own files`;
}

function matchesEntry(entry: string, subpath: string): boolean {
  if (!entry.includes('*')) return entry === subpath;
  const [prefix, suffix] = entry.split('*') as [string, string];
  return (
    subpath.startsWith(prefix) &&
    subpath.endsWith(suffix) &&
    !subpath.slice(prefix.length, subpath.length - suffix.length).includes('/')
  );
}

async function typeScriptFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && /\.(ts|js|mts|mjs)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((file) => !file.split(sep).includes('node_modules'));
}

function positionOf(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
