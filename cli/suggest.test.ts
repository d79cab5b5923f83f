import { describe, expect, it } from 'vitest';

import { closestMatch, didYouMean, editDistance } from './suggest.ts';

const commands = ['build', 'check', 'start', 'localnet', 'deploy', 'status', 'new'];

describe('closestMatch', () => {
  it('completes a unique prefix', () => {
    expect(closestMatch('stat', commands)).toBe('status');
    expect(closestMatch('dep', commands)).toBe('deploy');
  });

  it('finds a near miss and a swapped pair of letters', () => {
    expect(closestMatch('buidl', commands)).toBe('build');
    expect(closestMatch('chekc', commands)).toBe('check');
    expect(closestMatch('stats', commands)).toBe('status');
  });

  it('suggests nothing for a word far from every candidate', () => {
    expect(closestMatch('frobnicate', commands)).toBeUndefined();
    expect(didYouMean('frobnicate', commands)).toBe('');
  });

  it('ignores an ambiguous prefix and falls back to the distance', () => {
    expect(closestMatch('st', commands)).toBeUndefined();
    expect(closestMatch('--explian', ['--explain', '--plugins'])).toBe('--explain');
  });

  it('counts edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
