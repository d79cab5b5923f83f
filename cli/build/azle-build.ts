import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

/** What `azle build` leaves behind for one canister. */
export interface AzleArtifacts {
  name: string;
  wasmPath: string;
  candidPath: string;
  /** True when the content hash matched and Azle did not run. */
  cached: boolean;
}

export interface AzleBuildRequest {
  /** The canister's key in dfx.json. */
  name: string;
  /** The folder holding dfx.json; Azle writes to `<root>/.azle/<name>/`. */
  root: string;
  /** Folders whose files feed the bundle; any change in them rebuilds. */
  sourceDirs: string[];
  /** Shared by the canisters of one build, so folders they share are read once. */
  sources?: SourceReader;
}

/** Lists and reads source files once per build (canisters share core/ and plugins/). */
export class SourceReader {
  private readonly listings = new Map<string, Promise<string[]>>();
  private readonly contents = new Map<string, Promise<Buffer>>();

  list(dir: string): Promise<string[]> {
    if (!this.listings.has(dir)) this.listings.set(dir, listSourceFiles(dir));
    return this.listings.get(dir)!;
  }

  read(file: string): Promise<Buffer> {
    if (!this.contents.has(file)) this.contents.set(file, readFile(file));
    return this.contents.get(file)!;
  }
}

interface DfxCanisterEntry {
  main?: string;
  candid?: string;
  wasm?: string;
}

const require = createRequire(import.meta.url);
const azleRoot = packageRoot('azle');
const azleBin = join(azleRoot, 'src', 'build.ts');
const azleVersion = (require(join(azleRoot, 'package.json')) as { version: string }).version;
const tsxBin = join(packageRoot('tsx'), 'dist', 'cli.mjs');
const STAMP_FILE = '.build-key';

/** Runs `azle build <name>` for a dfx.json canister unless its sources are unchanged. */
export async function buildWithAzle(request: AzleBuildRequest): Promise<AzleArtifacts> {
  const root = resolve(request.root);
  const entry = await readDfxEntry(root, request.name);
  const candidPath = join(root, entry.candid ?? `.azle/${request.name}/${request.name}.did`);
  const wasmPath = join(root, entry.wasm ?? `.azle/${request.name}/${request.name}.wasm`);
  const stampPath = join(dirname(wasmPath), STAMP_FILE);
  const key = await buildKey(root, entry, request.sourceDirs, request.sources ?? new SourceReader());

  if (existsSync(wasmPath) && existsSync(candidPath) && (await readIfExists(stampPath)) === key) {
    return { name: request.name, wasmPath, candidPath, cached: true };
  }
  await runAzle(root, request.name, candidPath);
  await writeFile(stampPath, key);
  return { name: request.name, wasmPath, candidPath, cached: false };
}

async function readDfxEntry(root: string, name: string): Promise<DfxCanisterEntry> {
  const dfxJsonPath = join(root, 'dfx.json');
  const dfx = JSON.parse(await readFile(dfxJsonPath, 'utf8')) as {
    canisters?: Record<string, DfxCanisterEntry>;
  };
  const entry = dfx.canisters?.[name];
  if (entry?.main === undefined) {
    throw new Error(`${dfxJsonPath}: canisters.${name}.main is missing; expected the entry .ts file`);
  }
  return entry;
}

// Paths are hashed relative to the dfx.json folder so the key does not depend on the working directory.
async function buildKey(
  root: string,
  entry: DfxCanisterEntry,
  sourceDirs: string[],
  sources: SourceReader,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(JSON.stringify(entry));
  hash.update(azleVersion);
  const listings = await Promise.all(sourceDirs.map((dir) => sources.list(resolve(dir))));
  const files = listings.flat();
  const contents = await Promise.all(files.map((file) => sources.read(file)));
  files.forEach((file, n) => {
    hash.update(relative(root, file));
    hash.update(contents[n]!);
  });
  return hash.digest('hex');
}

async function listSourceFiles(dir: string): Promise<string[]> {
  if (!existsSync(dir)) return [];
  if (!(await stat(dir)).isDirectory()) return [dir];
  const files: string[] = [];
  for (const item of (await readdir(dir, { withFileTypes: true })).sort((a, b) =>
    a.name.localeCompare(b.name),
  )) {
    if (item.name === 'node_modules' || item.name.startsWith('.')) continue;
    const path = join(dir, item.name);
    if (item.isDirectory()) files.push(...(await listSourceFiles(path)));
    else if (!item.name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

/** Packages such as azle export no package.json, so climb from the resolved entry. */
function packageRoot(name: string): string {
  let dir = dirname(require.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(join('node_modules', name))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${name} package folder`);
    dir = parent;
  }
  return dir;
}

async function readIfExists(path: string): Promise<string | undefined> {
  return existsSync(path) ? readFile(path, 'utf8') : undefined;
}

function runAzle(root: string, name: string, candidPath: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [tsxBin, azleBin, 'build', name], {
      cwd: root,
      env: { ...process.env, CANISTER_CANDID_PATH: candidPath, AZLE_DFX_ROOT: root },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`azle build ${name} failed (exit ${code}):\n${output.trim()}`));
    });
  });
}
