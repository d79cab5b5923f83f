import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { HTTP_ERROR_CODES } from './http-error-codes.ts';

const folder = fileURLToPath(new URL('.', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('HTTP error codes', () => {
  it('are all documented in README.md', () => {
    const readme = readFileSync(join(folder, 'README.md'), 'utf8');
    const missing = Object.keys(HTTP_ERROR_CODES).filter((code) => !readme.includes(code));
    expect(missing).toEqual([]);
  });

  it('are all declared: the sources use no other LOCALNET_HTTP_ code', () => {
    const used = new Set(
      sourceFiles(folder).flatMap(
        (file) => readFileSync(file, 'utf8').match(/LOCALNET_HTTP_[A-Z_]+/g) ?? [],
      ),
    );
    const undeclared = [...used].filter((code) => !(code in HTTP_ERROR_CODES));
    expect(undeclared).toEqual([]);
    expect(used.size).toBeGreaterThan(10);
  });
});
