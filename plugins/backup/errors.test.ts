import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { BACKUP_ERROR_CODES } from './errors.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const documented = [...readme.matchAll(/^\| `(BACKUP_[A-Z_]+)` +\| (.+?) +\|$/gm)].map((m) => [
  m[1],
  m[2],
]);

describe('backup error codes', () => {
  it('are exactly the ones README.md documents, with the same meaning', () => {
    expect(Object.fromEntries(documented)).toEqual(BACKUP_ERROR_CODES);
  });
});
