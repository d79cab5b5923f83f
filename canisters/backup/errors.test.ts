import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { VAULT_ERROR_CODES } from './vault-errors.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Error codes'));

describe('backup canister error codes', () => {
  it('lists exactly the declared codes in README.md, with the same meaning', () => {
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` *\| (.+?) *\|$/gm)];
    const documented = new Map(rows.map((row) => [row[1]!, row[2]!]));
    expect([...documented.keys()].sort()).toEqual(Object.keys(VAULT_ERROR_CODES).sort());
    for (const [code, meaning] of Object.entries(VAULT_ERROR_CODES)) {
      expect(documented.get(code), code).toBe(meaning);
    }
  });
});
