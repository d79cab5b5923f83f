import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';

import { InvalidModuleError } from './invalid-module-error.ts';
import { hasCachedRewrite, readCachedRewrite, writeCachedRewrite } from './module-cache.ts';
import {
  SectionId,
  readCustomSections,
  readExports,
  readImports,
  readSections,
} from './module-outline.ts';
import { REWRITER_VERSION, rewriteModule } from './module-rewriter.ts';

export { InvalidModuleError } from './invalid-module-error.ts';

/** A module ready to instantiate with `ic0` and METERING_IMPORT (see instrumentation-names.ts). */
export interface PreparedModule {
  /** Compiled, rewritten module. */
  module: WebAssembly.Module;
  /** sha256 of the bytes exactly as installed (gzipped or not): canister_status module_hash. */
  moduleHash: Uint8Array;
  /** The rewritten (uncompressed) bytes. */
  wasmBytes: Uint8Array;
  /** Imports of the original module. */
  imports: { module: string; name: string; kind: string }[];
  /** Export names of the original module, e.g. 'canister_update set_message'. */
  exports: string[];
  /** Custom sections of the original module by name, e.g. 'icp:public candid:service'. */
  customSections: Map<string, Uint8Array>;
}

export interface PrepareOptions {
  /** Where rewritten modules are kept between runs; without it every call rewrites. */
  cacheDir?: string;
}

/** The IC's limit on the uncompressed size of a canister module. */
const MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024;
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * Turns installed bytes (raw or gzipped Wasm) into a compiled, metered module. Invalid input
 * raises InvalidModuleError with a stable code; the rewrite is cached on disk by input hash.
 */
export async function prepareModule(
  bytes: Uint8Array,
  options: PrepareOptions = {},
): Promise<PreparedModule> {
  const moduleHash = sha256(bytes);
  const original = isGzip(bytes) ? gunzip(bytes) : bytes;
  const sections = readSections(original);
  const imports = readImports(
    original,
    sections.find((s) => s.id === SectionId.import),
  );
  const exports = readExports(
    original,
    sections.find((s) => s.id === SectionId.export),
  ).map((e) => e.name);
  const customSections = readCustomSections(original, sections);

  const key = `${hex(isGzip(bytes) ? sha256(original) : moduleHash)}-${REWRITER_VERSION}`;
  const described = { moduleHash, imports, exports, customSections };
  const remembered = recentlyCompiled.get(key);
  if (remembered) {
    if (options.cacheDir && !(await hasCachedRewrite(options.cacheDir, key))) {
      await writeCachedRewrite(options.cacheDir, key, remembered.wasmBytes);
    }
    return { ...remembered, ...described };
  }

  const cached = options.cacheDir ? await readCachedRewrite(options.cacheDir, key) : undefined;
  const fromCache = cached && (await compileOrUndefined(cached));
  if (cached && fromCache)
    return remember(key, { module: fromCache, wasmBytes: cached, ...described });

  const wasmBytes = await rewriteOrExplain(original);
  const module = await compileRewritten(wasmBytes, original);
  if (options.cacheDir) await writeCachedRewrite(options.cacheDir, key, wasmBytes);
  return remember(key, { module, wasmBytes, ...described });
}

/**
 * Compiled modules of this process by rewrite key: installing the same Wasm in several
 * canisters (shards, reinstalls, upgrades to the same code) compiles it once.
 */
const recentlyCompiled = new Map<string, { module: WebAssembly.Module; wasmBytes: Uint8Array }>();
const RECENTLY_COMPILED_LIMIT = 16;

/** Empties the in-process memo (tests use it to exercise the disk cache). */
export function forgetCompiledModules(): void {
  recentlyCompiled.clear();
}

function remember(key: string, prepared: PreparedModule): PreparedModule {
  recentlyCompiled.delete(key);
  recentlyCompiled.set(key, { module: prepared.module, wasmBytes: prepared.wasmBytes });
  if (recentlyCompiled.size > RECENTLY_COMPILED_LIMIT) {
    recentlyCompiled.delete(recentlyCompiled.keys().next().value!);
  }
  return prepared;
}

async function rewriteOrExplain(original: Uint8Array): Promise<Uint8Array> {
  try {
    return rewriteModule(original);
  } catch (error) {
    if (error instanceof InvalidModuleError) throw error;
    await refuseIfInvalid(original);
    throw error;
  }
}

async function compileRewritten(
  rewritten: Uint8Array,
  original: Uint8Array,
): Promise<WebAssembly.Module> {
  try {
    return await WebAssembly.compile(asBuffer(rewritten));
  } catch (rewrittenError) {
    await refuseIfInvalid(original);
    throw new Error(
      `localnet's metering rewrite produced an invalid module from a valid one (a localnet bug): ${message(rewrittenError)}`,
    );
  }
}

async function refuseIfInvalid(original: Uint8Array): Promise<void> {
  try {
    await WebAssembly.compile(asBuffer(original));
  } catch (originalError) {
    throw new InvalidModuleError(
      'WASM_INVALID',
      `the module does not validate: ${message(originalError)}`,
    );
  }
}

async function compileOrUndefined(bytes: Uint8Array): Promise<WebAssembly.Module | undefined> {
  try {
    return await WebAssembly.compile(asBuffer(bytes));
  } catch {
    return undefined;
  }
}

function asBuffer(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === GZIP_MAGIC[0] && bytes[1] === GZIP_MAGIC[1];
}

function gunzip(bytes: Uint8Array): Uint8Array {
  try {
    const inflated = gunzipSync(bytes, { maxOutputLength: MAX_UNCOMPRESSED_BYTES });
    return new Uint8Array(inflated.buffer, inflated.byteOffset, inflated.byteLength);
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      throw new InvalidModuleError(
        'WASM_TOO_LARGE',
        `expected at most ${MAX_UNCOMPRESSED_BYTES} bytes once gunzipped; the module inflates beyond that`,
      );
    }
    throw new InvalidModuleError(
      'WASM_BAD_GZIP',
      `the bytes start like gzip (1f 8b) but do not inflate: ${message(error)}`,
    );
  }
}

function sha256(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('sha256').update(bytes).digest());
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('hex');
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
