import { describe, expect, it } from 'vitest';

import { recurrenceInWords } from './recurrence-words.ts';

describe('recurrenceInWords', () => {
  it('names the weekdays and the end date', () => {
    expect(recurrenceInWords('FREQ=WEEKLY;BYDAY=MO,WE,FR;UNTIL=20250630T000000Z', 'en-GB')).toBe(
      'Every Mon, Wed, Fri until 30 Jun 2025',
    );
    expect(recurrenceInWords('FREQ=WEEKLY;BYDAY=SU,MO', 'en-US')).toBe('Every Mon, Sun');
  });

  it('says weekday, intervals and counts', () => {
    expect(recurrenceInWords('FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'en-US')).toBe('Every weekday');
    expect(recurrenceInWords('FREQ=WEEKLY;INTERVAL=2;COUNT=5', 'en-US')).toBe(
      'Every 2 weeks, 5 times',
    );
    expect(recurrenceInWords('FREQ=WEEKLY;INTERVAL=2;BYDAY=TU', 'en-US')).toBe(
      'Every 2 weeks on Tue',
    );
    expect(recurrenceInWords('FREQ=DAILY', 'en-US')).toBe('Every day');
    expect(recurrenceInWords('FREQ=YEARLY;COUNT=1', 'en-US')).toBe('Every year, once');
  });

  it('uses the locale for names and falls back to "Repeats" for rules it does not read', () => {
    expect(recurrenceInWords('FREQ=WEEKLY;BYDAY=MO', 'fr-FR')).toBe('Every lun.');
    expect(recurrenceInWords('FREQ=HOURLY', 'en-US')).toBe('Repeats');
  });
});
