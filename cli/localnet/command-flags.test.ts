import { describe, expect, it } from 'vitest';

import { parseFlags } from './command-flags.ts';

const spec = { port: 'integer', 'state-dir': 'string', clean: 'switch' } as const;

describe('parseFlags', () => {
  it('reads values, inline values, switches and positionals', () => {
    expect(parseFlags(['start', '--port', '0', '--state-dir=/tmp/x', '--clean'], spec)).toEqual({
      ok: true,
      values: { port: 0, 'state-dir': '/tmp/x', clean: true },
      positionals: ['start'],
    });
  });

  it('refuses unknown options, missing values and non-integers with what was expected', () => {
    expect(parseFlags(['--prot', '1'], spec)).toMatchObject({
      ok: false,
      message: expect.stringContaining('--port'),
    });
    expect(parseFlags(['--port'], spec)).toEqual({ ok: false, message: '--port needs a value' });
    expect(parseFlags(['--port', 'x'], spec)).toMatchObject({
      ok: false,
      message: expect.stringContaining('"x"'),
    });
    expect(parseFlags(['--clean=yes'], spec)).toMatchObject({ ok: false });
  });
});
