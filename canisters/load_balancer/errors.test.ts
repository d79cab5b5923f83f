import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { LOAD_BALANCER_ERROR_CODES } from './lb-errors.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const section = readme.slice(readme.indexOf('## Error codes'));

describe('load balancer error codes', () => {
  it('lists exactly the declared codes in README.md, with the same meaning', () => {
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` *\| (.+?) *\|$/gm)];
    expect(Object.fromEntries(rows.map((row) => [row[1], row[2]]))).toEqual(
      LOAD_BALANCER_ERROR_CODES,
    );
  });
});
