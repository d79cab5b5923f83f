// The CLI compiled into one ES module (cli/.compiled/main.mjs) with esbuild, so a command starts
// without tsx compiling and resolving each of its TypeScript modules (~0.4 s of every start).
// Beside it, inputs.json records each source's size and modification time; any change compiles
// it again. The folder sits two levels below the package root, as every source that locates
// files from `import.meta.url` does, so those paths resolve the same from the bundle (a test
// in compiled-cli.test.ts fails when a bundled source at another depth uses import.meta.url).
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const PACKAGE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

/** A file's size and modification time, or undefined when it is gone. */
function statOf(path) {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** `size:mtime` of a file, or undefined when it is gone. */
function stampOf(path) {
  const stat = statOf(path);
  return stat && `${stat.size}:${stat.mtimeMs}`;
}

function isUpToDate(root, inputsFile) {
  let inputs;
  try {
    inputs = JSON.parse(readFileSync(inputsFile, 'utf8'));
  } catch {
    return false;
  }
  return Object.entries(inputs).every(([path, stamp]) => stampOf(join(root, path)) === stamp);
}

/** Writes `text` to `path` through a temporary file, so a concurrent reader sees all or nothing. */
function writeAtomically(path, text) {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}

async function compile(root, outDir, bundle, inputsFile) {
  const { build } = await import('esbuild');
  const startedMs = Date.now();
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['cli/main.ts'],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const inputs = {};
  for (const path of Object.keys(result.metafile.inputs)) {
    const stat = statOf(join(root, path));
    // A source saved while compiling may not be in the bundle: leave the record stale.
    if (stat === undefined || stat.mtimeMs >= startedMs) return;
    inputs[path] = `${stat.size}:${stat.mtimeMs}`;
  }
  writeAtomically(inputsFile, JSON.stringify(inputs));
}

/**
 * The URL of the compiled CLI (`<root>/cli/main.ts` and what it imports), compiling it first
 * when a source changed; undefined when it cannot be compiled or written (a read-only install,
 * say): then the caller runs the sources.
 */
export async function compiledCli(root = PACKAGE_ROOT) {
  if (process.env.ICP_CALENDAR_SOURCES === '1') return undefined;
  const outDir = join(root, 'cli', '.compiled');
  const bundle = join(outDir, 'main.mjs');
  const inputsFile = join(outDir, 'inputs.json');
  try {
    if (!isUpToDate(root, inputsFile)) await compile(root, outDir, bundle, inputsFile);
    statSync(bundle);
    return pathToFileURL(bundle).href;
  } catch {
    return undefined;
  }
}
