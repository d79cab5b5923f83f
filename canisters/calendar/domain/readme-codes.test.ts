import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from './errors.ts';

describe('README error code table', () => {
  it('documents exactly the declared codes', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)`\s*\|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...DOMAIN_ERROR_CODES].sort());
  });
});
