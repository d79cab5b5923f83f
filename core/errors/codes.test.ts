import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { CORE_ERROR_CODES } from './codes.ts';

const doc = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');

function documentedCodes(): Map<string, string> {
  const rows = [...doc.matchAll(/^\| `([A-Z_]+)` *\| (.+?) *\|$/gm)];
  return new Map(rows.map((row) => [row[1]!, row[2]!]));
}

describe('core error codes', () => {
  it('lists exactly the declared codes in ERRORS.md, with the same meaning', () => {
    const documented = documentedCodes();
    expect([...documented.keys()].sort()).toEqual(Object.keys(CORE_ERROR_CODES).sort());
    for (const [code, meaning] of Object.entries(CORE_ERROR_CODES)) {
      expect(documented.get(code), code).toBe(meaning);
    }
  });
});
