import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { USER_REGISTRY_ERROR_CODES } from './user-registry-errors.ts';

describe('user registry README', () => {
  it('documents exactly the user registry error codes, with the same meaning', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)`\s*\| (.+?)\s*\|$/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(Object.fromEntries(rows)).toEqual(USER_REGISTRY_ERROR_CODES);
  });
});
