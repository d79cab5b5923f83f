import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { NOTIFICATION_ERROR_CODES } from './notification-errors.ts';

describe('notification README', () => {
  it('documents exactly the notification error codes, with the same meaning', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const rows = [...readme.matchAll(/^\| `([A-Z_]+)`\s*\| (.+?)\s*\|$/gm)].map((m) => [
      m[1],
      m[2],
    ]);
    expect(Object.fromEntries(rows)).toEqual(NOTIFICATION_ERROR_CODES);
  });
});
