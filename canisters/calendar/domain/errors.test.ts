import { describe, expect, it } from 'vitest';
import { attempt, DomainError } from './errors.ts';

describe('DomainError and attempt', () => {
  it('turns a domain failure into data and passes other errors through', () => {
    expect(attempt(() => 42)).toEqual({ ok: true, value: 42 });
    expect(
      attempt(() => {
        throw new DomainError('TZ_UNKNOWN', 'expected an IANA time zone id, found "X"');
      }),
    ).toEqual({
      ok: false,
      error: { code: 'TZ_UNKNOWN', message: 'expected an IANA time zone id, found "X"' },
    });
    expect(() =>
      attempt(() => {
        throw new TypeError('bug');
      }),
    ).toThrowError(TypeError);
  });
});
