import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import { BINDINGS_PATH, calendarCandid, renderCalendarBindings } from './generate-bindings.ts';

describe('the calendar bindings shipped with the widget', () => {
  it("equal what the calendar canister's current .did renders (else run generate-bindings.ts)", async () => {
    const committed = await readFile(BINDINGS_PATH, 'utf8');
    const current = renderCalendarBindings(await calendarCandid());
    expect(current).toContain('"list_public_events": IDL.Func(');
    expect(
      committed,
      'web-components/client/generated/calendar-bindings.ts is stale: run `npx tsx web-components/client/generate-bindings.ts`',
    ).toBe(current);
  });
});
