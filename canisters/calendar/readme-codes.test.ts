import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { CALENDAR_ERROR_CODES } from './calendar-errors.ts';

describe('calendar README', () => {
  it('documents exactly the calendar error codes, with the same meaning', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)`\s*\| (.+?)\s*\|$/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(Object.fromEntries(rows)).toEqual(CALENDAR_ERROR_CODES);
  });
});
