import { describe, expect, it } from 'vitest';

import { describeUnexpected } from './unexpected-error.ts';

describe('describeUnexpected', () => {
  it('keeps only the first line of the message, and says how to see the trace', () => {
    const error = new Error('disk full\n    at write (fs.js:1:1)');
    expect(describeUnexpected(error, false)).toEqual([
      'disk full',
      '(set ICP_CALENDAR_DEBUG=1 to see the stack trace)',
    ]);
  });

  it('prints the whole stack in debug mode', () => {
    const error = new Error('disk full');
    const [text] = describeUnexpected(error, true);
    expect(text).toContain('disk full');
    expect(text).toContain('unexpected-error.test.ts');
  });

  it('recognises a network that does not answer through the chain of causes', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4943'), {
      code: 'ECONNREFUSED',
    });
    const error = new Error('Failed to call', { cause: new Error('wrapped', { cause: refused }) });
    expect(describeUnexpected(error, false)[0]).toMatch(/^NETWORK_UNREACHABLE: .*npm start/);
  });
});
