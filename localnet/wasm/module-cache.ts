import { access, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** Rewritten modules on disk, one file per (input sha256, rewriter version) key. */
export async function readCachedRewrite(
  cacheDir: string,
  key: string,
): Promise<Uint8Array | undefined> {
  try {
    const bytes = await readFile(cachePath(cacheDir, key));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch {
    return undefined;
  }
}

export async function hasCachedRewrite(cacheDir: string, key: string): Promise<boolean> {
  try {
    await access(cachePath(cacheDir, key));
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes through a temporary file and a rename, so a reader never sees half a module. Best
 * effort: a cache that cannot be written (read-only disk, full disk) only costs the next start
 * a rewrite, so the failure is not passed on to the install.
 */
export async function writeCachedRewrite(
  cacheDir: string,
  key: string,
  bytes: Uint8Array,
): Promise<void> {
  const target = cachePath(cacheDir, key);
  const temporary = `${target}.${process.pid}.${Date.now()}.tmp`;
  try {
    await mkdir(cacheDir, { recursive: true });
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  } catch {
    await rm(temporary, { force: true }).catch(() => undefined);
  }
}

function cachePath(cacheDir: string, key: string): string {
  return join(cacheDir, `${key}.wasm`);
}
