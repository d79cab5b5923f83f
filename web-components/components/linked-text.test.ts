import { describe, expect, it } from 'vitest';

import { linkedText } from './linked-text.ts';

/** The parts as data: plain strings, and each link's bound href. */
function shape(text: string): (string | { href: unknown })[] {
  return linkedText(text).map((part) =>
    typeof part === 'string' ? part : { href: part.values[0] },
  );
}

describe('linkedText', () => {
  it('links http(s) addresses and leaves the trailing punctuation outside', () => {
    expect(shape('Agenda: https://example.org/a?b=1, then https://x.io.')).toEqual([
      'Agenda: ',
      { href: 'https://example.org/a?b=1' },
      ', then ',
      { href: 'https://x.io' },
      '.',
    ]);
  });

  it('never links other schemes and keeps markup as text', () => {
    expect(shape('javascript:alert(1) <b>bold</b> data:text/html,x')).toEqual([
      'javascript:alert(1) <b>bold</b> data:text/html,x',
    ]);
  });
});
