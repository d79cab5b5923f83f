import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const CLI_DIR = fileURLToPath(new URL('.', import.meta.url));
/** Prefixes of the codes the CLI raises itself (CONFIG_* are documented in config/README.md). */
const CLI_CODE =
  /['"`]((?:PORT|LOCALNET|NETWORK|STATUS|DEPLOY|NEW|INIT|TOPUP|CONFIGURE|BACKUP_CLI)_[A-Z_]+)['"`:]/g;

async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter(
      (entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.includes('.test.'),
    )
    .map((entry) => join(entry.parentPath, entry.name));
}

describe('cli/README.md error codes', () => {
  it('lists exactly the codes the CLI sources raise', async () => {
    const raised = new Set<string>();
    for (const file of await sources(CLI_DIR)) {
      for (const match of (await readFile(file, 'utf8')).matchAll(CLI_CODE)) raised.add(match[1]!);
    }
    const readme = await readFile(join(CLI_DIR, 'README.md'), 'utf8');
    const documented = new Set([...readme.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1]!));
    expect([...raised].sort()).toEqual([...documented].sort());
  });
});
