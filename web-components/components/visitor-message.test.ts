import { describe, expect, it } from 'vitest';

import { visitorMessage } from './visitor-message.ts';
import { DEFAULT_STRINGS as MESSAGE_STRINGS } from './widget-strings.ts';

describe('visitorMessage', () => {
  const agentText = {
    code: 'CANISTER_UNAVAILABLE',
    message:
      'Could not reach the calendar canister aaaaa-aa at http://x: Query response did not contain any node signatures',
  };

  it('hides transport jargon behind one sentence with a retry', () => {
    expect(visitorMessage(agentText, true)).toEqual({
      text: 'This calendar could not be reached.',
      retry: true,
    });
    expect(visitorMessage({ code: 'HOST_INVALID', message: 'host must be…' }, true).text).toBe(
      MESSAGE_STRINGS.unreachable,
    );
  });

  it('says offline (with a retry) whatever the failure when the browser is offline', () => {
    expect(visitorMessage(agentText, false)).toEqual({
      text: MESSAGE_STRINGS.offline,
      retry: true,
    });
  });

  it("keeps a canister's own refusal, which is written for people, without a retry", () => {
    const refusal = { code: 'CALENDAR_NOT_FOUND', message: 'No public calendar cal-9' };
    expect(visitorMessage(refusal, true)).toEqual({
      text: 'No public calendar cal-9',
      retry: false,
    });
  });

  it('says plainly that a write must wait while the calendar moves between shards', () => {
    const moving = {
      code: 'CALENDAR_MOVING',
      message: "this user's calendars are being moved to another shard; try again in a minute",
    };
    expect(visitorMessage(moving, true)).toEqual({ text: MESSAGE_STRINGS.moving, retry: false });
    expect(MESSAGE_STRINGS.moving).toMatch(/moved .*in a minute/);
  });

  it('uses replaced strings', () => {
    const strings = { ...MESSAGE_STRINGS, unreachable: 'Kalender nicht erreichbar.' };
    expect(visitorMessage(agentText, true, strings).text).toBe('Kalender nicht erreichbar.');
  });
});
