import { describe, expect, it } from 'vitest';

import { CALENDAR_PALETTE } from '../../canisters/calendar/calendar-model.ts';
import { chipColours, contrastRatio, readableText } from './colour-contrast.ts';

describe('colour contrast', () => {
  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000', '#fff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('red', '#fff')).toBe(1);
  });

  it('keeps every palette colour of the calendar canister at AA with white text', () => {
    for (const colour of CALENDAR_PALETTE) {
      expect(readableText(colour)).toBe('#ffffff');
      expect(contrastRatio(colour, '#ffffff')).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('picks dark text on light colours, and the chip style carries both', () => {
    expect(readableText('#fde68a')).toBe('#111827');
    expect(contrastRatio('#fde68a', readableText('#fde68a'))).toBeGreaterThanOrEqual(4.5);
    expect(chipColours('#fde68a')).toBe('background:#fde68a;color:#111827');
    expect(chipColours(undefined)).toBe('');
  });
});
