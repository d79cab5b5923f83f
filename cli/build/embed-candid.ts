import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** ic-wasm from the optional platform package, wherever npm placed it (hoisted in a project). */
export const IC_WASM = locateIcWasm();

function locateIcWasm(): string {
  try {
    const manifest = createRequire(import.meta.url).resolve('@icp-sdk/ic-wasm-linux-x64/package.json');
    return join(dirname(manifest), 'bin', 'ic-wasm');
  } catch {
    return '@icp-sdk/ic-wasm-linux-x64/bin/ic-wasm (not installed)';
  }
}

/** `cached`: the Wasm already held this Candid text from an earlier run, so ic-wasm did not run. */
export type EmbedResult = { embedded: true; cached?: boolean } | { embedded: false; warning: string };

/** Why ic-wasm cannot run here, or undefined when it can. */
export function icWasmUnavailable(): string | undefined {
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    return `ic-wasm is only installed for linux-x64 (this is ${process.platform}-${process.arch})`;
  }
  if (!existsSync(IC_WASM)) return `ic-wasm not found at ${IC_WASM}`;
  return undefined;
}

/**
 * Stores the Candid interface in the Wasm as the public `candid:service` metadata section (in
 * place). A stamp beside the Wasm (`<wasm>.candid-stamp`) records the hashes of the Wasm it
 * produced and of the Candid text; when both still match, the Wasm is left as it is.
 */
export async function embedCandid(wasmPath: string, candidPath: string): Promise<EmbedResult> {
  const unavailable = icWasmUnavailable();
  if (unavailable !== undefined) {
    return { embedded: false, warning: `${unavailable}; candid:service metadata not embedded in ${wasmPath}` };
  }
  const stampPath = `${wasmPath}.candid-stamp`;
  const candidHash = sha256(await readFile(candidPath));
  const stamp = await readFile(stampPath, 'utf8').catch(() => '');
  if (stamp === `${sha256(await readFile(wasmPath))} ${candidHash}`) return { embedded: true, cached: true };
  await run(IC_WASM, [wasmPath, '-o', wasmPath, 'metadata', 'candid:service', '-f', candidPath, '-v', 'public']);
  await writeFile(`${stampPath}.tmp`, `${sha256(await readFile(wasmPath))} ${candidHash}`);
  await rename(`${stampPath}.tmp`, stampPath);
  return { embedded: true };
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The `candid:service` metadata of a Wasm module, as ic-wasm prints it. */
export async function readCandidMetadata(wasmPath: string): Promise<string> {
  const { stdout } = await run(IC_WASM, [wasmPath, 'metadata', 'candid:service']);
  return stdout;
}
