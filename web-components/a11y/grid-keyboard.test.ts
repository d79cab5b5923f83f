import { describe, expect, it } from 'vitest';

import { dayFromYmd, isoDay } from '../model/days.ts';
import { gridMove } from './grid-keyboard.ts';

const wed = dayFromYmd(2025, 1, 29);
const to = (key: string, view: 'month' | 'week' | 'day' = 'month', shift = false) => {
  const move = gridMove(key, wed, view, 1, shift);
  return move && `${move.kind} ${isoDay(move.day)}`;
};

describe('gridMove', () => {
  it('moves by day and week with the arrows in the month view', () => {
    expect([to('ArrowLeft'), to('ArrowRight'), to('ArrowUp'), to('ArrowDown')]).toEqual([
      'focus 2025-01-28',
      'focus 2025-01-30',
      'focus 2025-01-22',
      'focus 2025-02-05',
    ]);
  });

  it('goes to the week start and end (Monday weeks) with Home and End', () => {
    expect([to('Home'), to('End')]).toEqual(['focus 2025-01-27', 'focus 2025-02-02']);
  });

  it('moves a month with PageUp/PageDown, clamping to the shorter month, and a year with Shift', () => {
    expect([to('PageDown'), to('PageUp'), to('PageDown', 'month', true)]).toEqual([
      'focus 2025-02-28',
      'focus 2024-12-29',
      'focus 2026-01-29',
    ]);
  });

  it('moves a week or a day per page in the time views; up/down belong to scrolling there', () => {
    expect([to('PageDown', 'week'), to('PageDown', 'day'), to('ArrowDown', 'week')]).toEqual([
      'focus 2025-02-05',
      'focus 2025-01-30',
      undefined,
    ]);
  });

  it('activates with Enter and Space and ignores other keys', () => {
    expect([to('Enter'), to(' '), to('a')]).toEqual([
      'activate 2025-01-29',
      'activate 2025-01-29',
      undefined,
    ]);
  });
});
