import { allow, caller, IDL, inject, platform, Principal, update } from '../../core/index.ts';
import { BoolResult, TextResult } from './calendar-idl.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';

const me = () => caller().toText();

/** 32 random bytes from the IC (raw_rand) as hex: unguessable, unlike anything time-derived. */
async function randomHex(): Promise<string> {
  const bytes = await platform().call<Uint8Array>(Principal.managementCanister(), 'raw_rand', {
    paramIdlTypes: [],
    returnIdlType: IDL.Vec(IDL.Nat8),
    args: [],
  });
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Secret feed addresses of private calendars (feed-tokens.ts); owners only. */
export class FeedTokenEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  /** A new secret address `/calendars/<id>.ics?token=…` (the previous one stops working). */
  @update([IDL.Text], TextResult)
  @allow('user')
  async create_feed_token(calendarId: string) {
    const owner = me();
    this.service.calendars.requireOwned(owner, calendarId);
    const token = await randomHex();
    // the calendar may have been deleted or given away while raw_rand was answered
    this.service.calendars.requireOwned(owner, calendarId);
    const nowMs = Number(platform().time() / 1_000_000n);
    this.service.feedTokens.issue(calendarId, token, nowMs);
    return `/calendars/${calendarId}.ics?token=${token}`;
  }

  /** Revokes the secret address; true when there was one. */
  @update([IDL.Text], BoolResult)
  @allow('user')
  revoke_feed_token(calendarId: string) {
    this.service.calendars.requireOwned(me(), calendarId);
    return this.service.feedTokens.revoke(calendarId);
  }
}
