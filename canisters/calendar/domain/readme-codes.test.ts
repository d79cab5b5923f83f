import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DOMAIN_ERROR_CODES } from './errors.ts';
import { IMPORT_WARNING_CODES } from './ics/import-warnings.ts';

const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
const codesIn = (text: string): string[] =>
  [...text.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((m) => m[1]!).sort();
const warningsAt = readme.indexOf('| Warning ');

describe('README code tables', () => {
  it('document exactly the declared error codes', () => {
    expect(codesIn(readme.slice(0, warningsAt))).toEqual([...DOMAIN_ERROR_CODES].sort());
  });

  it('document exactly the import warning codes, WARNINGS_TRUNCATED in the text', () => {
    expect(warningsAt).toBeGreaterThan(0);
    expect([...codesIn(readme.slice(warningsAt)), 'WARNINGS_TRUNCATED'].sort()).toEqual(
      [...IMPORT_WARNING_CODES].sort(),
    );
  });
});
