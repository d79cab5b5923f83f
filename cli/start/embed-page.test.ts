import { describe, expect, it } from 'vitest';

import { embedPage, embedSnippet } from './embed-page.ts';

const config = {
  host: 'http://127.0.0.1:4943',
  canisters: [
    { name: 'registry', id: 'bkyz2-fmaaa-aaaaa-qaaaq-cai' },
    { name: 'calendar_0', id: 'bd3sg-teaaa-aaaaa-qaaba-cai' },
  ],
  publicCalendarId: 'abc_c1',
};

describe('embed snippet', () => {
  it('names the calendar canister, the public calendar and the host on one element', () => {
    expect(embedSnippet(config, 'http://127.0.0.1:4944/icp-calendar.js')).toBe(
      [
        '<script type="module" src="http://127.0.0.1:4944/icp-calendar.js"></script>',
        '<icp-calendar',
        '  canister-id="bd3sg-teaaa-aaaaa-qaaba-cai"',
        '  calendar-id="abc_c1"',
        '  host="http://127.0.0.1:4943"',
        '  sign-in="dev"',
        '></icp-calendar>',
      ].join('\n'),
    );
  });

  it('escapes attribute values and says so when there is nothing to embed', () => {
    expect(embedSnippet({ ...config, publicCalendarId: 'a"b<c' }, './x.js')).toContain(
      'calendar-id="a&quot;b&lt;c"',
    );
    expect(embedSnippet({ ...config, publicCalendarId: undefined }, './x.js')).toBeUndefined();
    expect(embedPage({ ...config, canisters: [] })).toContain('nothing to embed');
    expect(embedPage(config)).toContain('<script type="module" src="./icp-calendar.js"></script>');
  });
});
