import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';

import { CONFIG_ERROR_CODES, formatConfigError } from './config-errors.ts';

describe('configuration error codes', () => {
  it('are documented one for one in config/README.md', async () => {
    const readme = await readFile(new URL('../../config/README.md', import.meta.url), 'utf8');
    const documented = [...readme.matchAll(/^\|\s*`([A-Z_]+)`\s*\|/gm)].map((match) => match[1]);
    expect([...documented].sort()).toEqual(Object.keys(CONFIG_ERROR_CODES).sort());
  });

  it('print as file:line:col, code, then the indented message', () => {
    const text = formatConfigError({
      code: 'CONFIG_INVALID_OPTION',
      file: 'canisters/calendar/canister.yaml',
      line: 8,
      col: 17,
      path: 'plugins.backup.schedule',
      message: 'plugins.backup.schedule must look like "every 5m"; got "5 minutes"',
    });
    expect(text).toBe(
      'canisters/calendar/canister.yaml:8:17  CONFIG_INVALID_OPTION\n  plugins.backup.schedule must look like "every 5m"; got "5 minutes"',
    );
  });
});
