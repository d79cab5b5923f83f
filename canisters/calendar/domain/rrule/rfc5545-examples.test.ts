/**
 * Golden tests: the worked examples of RFC 5545 §3.8.5.3, expected instances written from the RFC text.
 * All examples use DTSTART;TZID=America/New_York, so the instances are compared as New York wall times
 * (09:00 stays 09:00 across the DST change, which the RFC lists as "9:00 AM EDT/EST").
 */
import { describe, expect, it } from 'vitest';
import { formatDateTime, parseDateTime } from '../civil.ts';
import { DomainError } from '../errors.ts';
import { expand } from './expand-recurrence.ts';
import { parseRecurrenceRule } from './parse-rrule.ts';

const ZONE = 'America/New_York';

/** Local wall times of the first `limit` instances (or all up to `toLocal`). */
function instances(
  rule: string,
  dtstart: string,
  window: { limit?: number; before?: string } = {},
): string[] {
  const to = window.before ? Date.parse(`${window.before}T00:00:00Z`) : undefined;
  return expand(rule, parseDateTime(dtstart), ZONE, { limit: window.limit, to }).map((i) =>
    formatDateTime(i.local).slice(0, 16),
  );
}

/** Expected wall times: on the given days of one month at `time`. */
function on(year: number, month: number, days: number[], time = '09:00'): string[] {
  return days.map(
    (day) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}T${time}`,
  );
}

const range = (first: number, last: number, step = 1): number[] =>
  Array.from({ length: Math.floor((last - first) / step) + 1 }, (_, i) => first + i * step);

describe('RFC 5545 §3.8.5.3 examples', () => {
  it('daily for 10 occurrences', () => {
    expect(instances('FREQ=DAILY;COUNT=10', '1997-09-02T09:00')).toEqual(on(1997, 9, range(2, 11)));
  });

  it('daily until December 24, 1997', () => {
    expect(instances('FREQ=DAILY;UNTIL=19971224T000000Z', '1997-09-02T09:00')).toEqual([
      ...on(1997, 9, range(2, 30)),
      ...on(1997, 10, range(1, 31)),
      ...on(1997, 11, range(1, 30)),
      ...on(1997, 12, range(1, 23)),
    ]);
  });

  it('every other day, forever', () => {
    expect(
      instances('FREQ=DAILY;INTERVAL=2', '1997-09-02T09:00', { before: '1997-12-04' }),
    ).toEqual([
      ...on(1997, 9, range(2, 30, 2)),
      ...on(1997, 10, range(2, 30, 2)),
      ...on(1997, 11, range(1, 29, 2)),
      ...on(1997, 12, [1, 3]),
    ]);
  });

  it('every 10 days, 5 occurrences', () => {
    expect(instances('FREQ=DAILY;INTERVAL=10;COUNT=5', '1997-09-02T09:00')).toEqual([
      ...on(1997, 9, [2, 12, 22]),
      ...on(1997, 10, [2, 12]),
    ]);
  });

  it('every day in January, for 3 years (yearly and daily forms)', () => {
    const expected = [1998, 1999, 2000].flatMap((year) => on(year, 1, range(1, 31)));
    expect(
      instances(
        'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
        '1998-01-01T09:00',
      ),
    ).toEqual(expected);
    expect(instances('FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1', '1998-01-01T09:00')).toEqual(
      expected,
    );
  });

  it('weekly for 10 occurrences', () => {
    expect(instances('FREQ=WEEKLY;COUNT=10', '1997-09-02T09:00')).toEqual([
      ...on(1997, 9, [2, 9, 16, 23, 30]),
      ...on(1997, 10, [7, 14, 21, 28]),
      ...on(1997, 11, [4]),
    ]);
  });

  it('weekly until December 24, 1997', () => {
    expect(instances('FREQ=WEEKLY;UNTIL=19971224T000000Z', '1997-09-02T09:00')).toEqual([
      ...on(1997, 9, [2, 9, 16, 23, 30]),
      ...on(1997, 10, [7, 14, 21, 28]),
      ...on(1997, 11, [4, 11, 18, 25]),
      ...on(1997, 12, [2, 9, 16, 23]),
    ]);
  });

  it('every other week, forever', () => {
    expect(
      instances('FREQ=WEEKLY;INTERVAL=2;WKST=SU', '1997-09-02T09:00', { before: '1998-02-18' }),
    ).toEqual([
      ...on(1997, 9, [2, 16, 30]),
      ...on(1997, 10, [14, 28]),
      ...on(1997, 11, [11, 25]),
      ...on(1997, 12, [9, 23]),
      ...on(1998, 1, [6, 20]),
      ...on(1998, 2, [3, 17]),
    ]);
  });

  it('weekly on Tuesday and Thursday for five weeks (UNTIL and COUNT forms)', () => {
    const expected = [...on(1997, 9, [2, 4, 9, 11, 16, 18, 23, 25, 30]), ...on(1997, 10, [2])];
    expect(
      instances('FREQ=WEEKLY;UNTIL=19971007T000000Z;WKST=SU;BYDAY=TU,TH', '1997-09-02T09:00'),
    ).toEqual(expected);
    expect(instances('FREQ=WEEKLY;COUNT=10;WKST=SU;BYDAY=TU,TH', '1997-09-02T09:00')).toEqual(
      expected,
    );
  });

  it('every other week on Monday, Wednesday and Friday until December 24, 1997', () => {
    expect(
      instances(
        'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR',
        '1997-09-01T09:00',
      ),
    ).toEqual([
      ...on(1997, 9, [1, 3, 5, 15, 17, 19, 29]),
      ...on(1997, 10, [1, 3, 13, 15, 17, 27, 29, 31]),
      ...on(1997, 11, [10, 12, 14, 24, 26, 28]),
      ...on(1997, 12, [8, 10, 12, 22]),
    ]);
  });

  it('every other week on Tuesday and Thursday, for 8 occurrences', () => {
    expect(
      instances('FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH', '1997-09-02T09:00'),
    ).toEqual([...on(1997, 9, [2, 4, 16, 18, 30]), ...on(1997, 10, [2, 14, 16])]);
  });

  it('monthly on the first Friday for 10 occurrences, and until December 24, 1997', () => {
    expect(instances('FREQ=MONTHLY;COUNT=10;BYDAY=1FR', '1997-09-05T09:00')).toEqual([
      ...on(1997, 9, [5]),
      ...on(1997, 10, [3]),
      ...on(1997, 11, [7]),
      ...on(1997, 12, [5]),
      ...on(1998, 1, [2]),
      ...on(1998, 2, [6]),
      ...on(1998, 3, [6]),
      ...on(1998, 4, [3]),
      ...on(1998, 5, [1]),
      ...on(1998, 6, [5]),
    ]);
    expect(instances('FREQ=MONTHLY;UNTIL=19971224T000000Z;BYDAY=1FR', '1997-09-05T09:00')).toEqual([
      ...on(1997, 9, [5]),
      ...on(1997, 10, [3]),
      ...on(1997, 11, [7]),
      ...on(1997, 12, [5]),
    ]);
  });

  it('every other month on the first and last Sunday for 10 occurrences', () => {
    expect(
      instances('FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU', '1997-09-07T09:00'),
    ).toEqual([
      ...on(1997, 9, [7, 28]),
      ...on(1997, 11, [2, 30]),
      ...on(1998, 1, [4, 25]),
      ...on(1998, 3, [1, 29]),
      ...on(1998, 5, [3, 31]),
    ]);
  });

  it('monthly on the second-to-last Monday for 6 months', () => {
    expect(instances('FREQ=MONTHLY;COUNT=6;BYDAY=-2MO', '1997-09-22T09:00')).toEqual([
      ...on(1997, 9, [22]),
      ...on(1997, 10, [20]),
      ...on(1997, 11, [17]),
      ...on(1997, 12, [22]),
      ...on(1998, 1, [19]),
      ...on(1998, 2, [16]),
    ]);
  });

  it('monthly on the third-to-the-last day, forever', () => {
    expect(instances('FREQ=MONTHLY;BYMONTHDAY=-3', '1997-09-28T09:00', { limit: 6 })).toEqual([
      ...on(1997, 9, [28]),
      ...on(1997, 10, [29]),
      ...on(1997, 11, [28]),
      ...on(1997, 12, [29]),
      ...on(1998, 1, [29]),
      ...on(1998, 2, [26]),
    ]);
  });

  it('monthly on the 2nd and 15th for 10 occurrences', () => {
    expect(instances('FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15', '1997-09-02T09:00')).toEqual([
      ...on(1997, 9, [2, 15]),
      ...on(1997, 10, [2, 15]),
      ...on(1997, 11, [2, 15]),
      ...on(1997, 12, [2, 15]),
      ...on(1998, 1, [2, 15]),
    ]);
  });

  it('monthly on the first and last day for 10 occurrences', () => {
    expect(instances('FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1', '1997-09-30T09:00')).toEqual([
      ...on(1997, 9, [30]),
      ...on(1997, 10, [1, 31]),
      ...on(1997, 11, [1, 30]),
      ...on(1997, 12, [1, 31]),
      ...on(1998, 1, [1, 31]),
      ...on(1998, 2, [1]),
    ]);
  });

  it('every 18 months on the 10th through 15th for 10 occurrences', () => {
    expect(
      instances(
        'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
        '1997-09-10T09:00',
      ),
    ).toEqual([...on(1997, 9, range(10, 15)), ...on(1999, 3, range(10, 13))]);
  });

  it('every Tuesday, every other month', () => {
    expect(
      instances('FREQ=MONTHLY;INTERVAL=2;BYDAY=TU', '1997-09-02T09:00', { before: '1998-04-01' }),
    ).toEqual([
      ...on(1997, 9, [2, 9, 16, 23, 30]),
      ...on(1997, 11, [4, 11, 18, 25]),
      ...on(1998, 1, [6, 13, 20, 27]),
      ...on(1998, 3, [3, 10, 17, 24, 31]),
    ]);
  });

  it('yearly in June and July for 10 occurrences', () => {
    expect(instances('FREQ=YEARLY;COUNT=10;BYMONTH=6,7', '1997-06-10T09:00')).toEqual(
      range(1997, 2001).flatMap((year) => [...on(year, 6, [10]), ...on(year, 7, [10])]),
    );
  });

  it('every other year on January, February and March for 10 occurrences', () => {
    expect(instances('FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3', '1997-03-10T09:00')).toEqual([
      ...on(1997, 3, [10]),
      ...[1999, 2001, 2003].flatMap((year) => [
        ...on(year, 1, [10]),
        ...on(year, 2, [10]),
        ...on(year, 3, [10]),
      ]),
    ]);
  });

  it('every third year on the 1st, 100th and 200th day for 10 occurrences', () => {
    expect(
      instances('FREQ=YEARLY;INTERVAL=3;COUNT=10;BYYEARDAY=1,100,200', '1997-01-01T09:00'),
    ).toEqual([
      ...on(1997, 1, [1]),
      ...on(1997, 4, [10]),
      ...on(1997, 7, [19]),
      ...on(2000, 1, [1]),
      ...on(2000, 4, [9]),
      ...on(2000, 7, [18]),
      ...on(2003, 1, [1]),
      ...on(2003, 4, [10]),
      ...on(2003, 7, [19]),
      ...on(2006, 1, [1]),
    ]);
  });

  it('every 20th Monday of the year, forever', () => {
    expect(instances('FREQ=YEARLY;BYDAY=20MO', '1997-05-19T09:00', { limit: 3 })).toEqual([
      ...on(1997, 5, [19]),
      ...on(1998, 5, [18]),
      ...on(1999, 5, [17]),
    ]);
  });

  it('Monday of week number 20, forever', () => {
    expect(instances('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO', '1997-05-12T09:00', { limit: 3 })).toEqual(
      [...on(1997, 5, [12]), ...on(1998, 5, [11]), ...on(1999, 5, [17])],
    );
  });

  it('every Thursday in March, forever', () => {
    expect(
      instances('FREQ=YEARLY;BYMONTH=3;BYDAY=TH', '1997-03-13T09:00', { before: '2000-01-01' }),
    ).toEqual([
      ...on(1997, 3, [13, 20, 27]),
      ...on(1998, 3, [5, 12, 19, 26]),
      ...on(1999, 3, [4, 11, 18, 25]),
    ]);
  });

  it('every Thursday, but only during June, July and August, forever', () => {
    expect(
      instances('FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8', '1997-06-05T09:00', { before: '2000-01-01' }),
    ).toEqual([
      ...on(1997, 6, [5, 12, 19, 26]),
      ...on(1997, 7, [3, 10, 17, 24, 31]),
      ...on(1997, 8, [7, 14, 21, 28]),
      ...on(1998, 6, [4, 11, 18, 25]),
      ...on(1998, 7, [2, 9, 16, 23, 30]),
      ...on(1998, 8, [6, 13, 20, 27]),
      ...on(1999, 6, [3, 10, 17, 24]),
      ...on(1999, 7, [1, 8, 15, 22, 29]),
      ...on(1999, 8, [5, 12, 19, 26]),
    ]);
  });

  it('every Friday the 13th, forever (DTSTART counts as the first instance; the RFC removes it by EXDATE)', () => {
    expect(
      instances('FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13', '1997-09-02T09:00', { limit: 6 }),
    ).toEqual([
      ...on(1997, 9, [2]),
      ...on(1998, 2, [13]),
      ...on(1998, 3, [13]),
      ...on(1998, 11, [13]),
      ...on(1999, 8, [13]),
      ...on(2000, 10, [13]),
    ]);
  });

  it('the first Saturday that follows the first Sunday of the month, forever', () => {
    expect(
      instances('FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13', '1997-09-13T09:00', {
        limit: 10,
      }),
    ).toEqual([
      ...on(1997, 9, [13]),
      ...on(1997, 10, [11]),
      ...on(1997, 11, [8]),
      ...on(1997, 12, [13]),
      ...on(1998, 1, [10]),
      ...on(1998, 2, [7]),
      ...on(1998, 3, [7]),
      ...on(1998, 4, [11]),
      ...on(1998, 5, [9]),
      ...on(1998, 6, [13]),
    ]);
  });

  it('every 4 years, the first Tuesday after a Monday in November (U.S. election day)', () => {
    expect(
      instances(
        'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
        '1996-11-05T09:00',
        { limit: 3 },
      ),
    ).toEqual([...on(1996, 11, [5]), ...on(2000, 11, [7]), ...on(2004, 11, [2])]);
  });

  it('the third instance of Tuesday, Wednesday or Thursday in the month, for 3 months', () => {
    expect(instances('FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3', '1997-09-04T09:00')).toEqual(
      [...on(1997, 9, [4]), ...on(1997, 10, [7]), ...on(1997, 11, [6])],
    );
  });

  it('the second-to-last weekday of the month', () => {
    expect(
      instances('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2', '1997-09-29T09:00', { limit: 7 }),
    ).toEqual([
      ...on(1997, 9, [29]),
      ...on(1997, 10, [30]),
      ...on(1997, 11, [27]),
      ...on(1997, 12, [30]),
      ...on(1998, 1, [29]),
      ...on(1998, 2, [26]),
      ...on(1998, 3, [30]),
    ]);
  });

  it('every 20 minutes from 9:00 to 16:40 every day (the DAILY form)', () => {
    const times = range(9, 16).flatMap((hour) =>
      ['00', '20', '40'].map((m) => `${String(hour).padStart(2, '0')}:${m}`),
    );
    expect(
      instances('FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40', '1997-09-02T09:00', {
        before: '1997-09-04',
      }),
    ).toEqual([
      ...times.map((t) => on(1997, 9, [2], t)[0]!),
      ...times.map((t) => on(1997, 9, [3], t)[0]!),
    ]);
  });

  it('every 3 hours from 9:00 until 17:00Z (13:00 EDT) on one day', () => {
    // the RFC lists 15:00 too, but its UNTIL is 17:00 UTC = 13:00 EDT (a known slip in the text:
    // UNTIL is inclusive and compared as an instant); with a local 17:00 the 15:00 instance is there
    expect(instances('FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T170000Z', '1997-09-02T09:00')).toEqual(
      ['09:00', '12:00'].map((t) => on(1997, 9, [2], t)[0]),
    );
    expect(instances('FREQ=HOURLY;INTERVAL=3;UNTIL=19970902T210000Z', '1997-09-02T09:00')).toEqual(
      ['09:00', '12:00', '15:00'].map((t) => on(1997, 9, [2], t)[0]),
    );
  });

  it('every 15 minutes for 6 occurrences', () => {
    expect(instances('FREQ=MINUTELY;INTERVAL=15;COUNT=6', '1997-09-02T09:00')).toEqual(
      ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15'].map((t) => on(1997, 9, [2], t)[0]),
    );
  });

  it('every hour and a half for 4 occurrences', () => {
    expect(instances('FREQ=MINUTELY;INTERVAL=90;COUNT=4', '1997-09-02T09:00')).toEqual(
      ['09:00', '10:30', '12:00', '13:30'].map((t) => on(1997, 9, [2], t)[0]),
    );
  });

  it('every 20 minutes from 9:00 to 16:40 every day: the MINUTELY form equals the DAILY form', () => {
    const window = { before: '1997-09-05' };
    const minutely = instances(
      'FREQ=MINUTELY;INTERVAL=20;BYHOUR=9,10,11,12,13,14,15,16',
      '1997-09-02T09:00',
      window,
    );
    expect(minutely).toHaveLength(3 * 24);
    expect(minutely).toEqual(
      instances(
        'FREQ=DAILY;BYHOUR=9,10,11,12,13,14,15,16;BYMINUTE=0,20,40',
        '1997-09-02T09:00',
        window,
      ),
    );
  });

  it('FREQ=SECONDLY is refused with RRULE_UNSUPPORTED', () => {
    expect(() => parseRecurrenceRule('FREQ=SECONDLY;COUNT=4')).toThrowError(
      expect.objectContaining({ code: 'RRULE_UNSUPPORTED' }),
    );
    expect(() => parseRecurrenceRule('FREQ=HOURLY;BYWEEKNO=3')).toThrowError(DomainError);
  });

  it('WKST changes the result of a bi-weekly rule', () => {
    expect(
      instances('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO', '1997-08-05T09:00'),
    ).toEqual(on(1997, 8, [5, 10, 19, 24]));
    expect(
      instances('FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU', '1997-08-05T09:00'),
    ).toEqual(on(1997, 8, [5, 17, 19, 31]));
  });

  it('an invalid date (February 30) is ignored and not counted', () => {
    expect(instances('FREQ=MONTHLY;BYMONTHDAY=15,30;COUNT=5', '2007-01-15T09:00')).toEqual([
      ...on(2007, 1, [15, 30]),
      ...on(2007, 2, [15]),
      ...on(2007, 3, [15, 30]),
    ]);
  });

  it('keeps 09:00 local across DST, so the UTC hour moves', () => {
    const result = expand('FREQ=WEEKLY;COUNT=10', parseDateTime('1997-10-14T09:00'), ZONE);
    const utcHours = result.map((i) => new Date(i.utcMs).getUTCHours());
    expect(utcHours.slice(0, 2)).toEqual([13, 13]); // EDT
    expect(utcHours.slice(3)).toEqual(Array(7).fill(14)); // EST from Oct 26
  });
});
