import { allow, IDL, inject, query, update } from '../../core/index.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';
import { feedCalendarId, type FeedRequest, type FeedResponse } from './ics-feed.ts';

const HeaderField = IDL.Tuple(IDL.Text, IDL.Text);
const HttpRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  certificate_version: IDL.Opt(IDL.Nat16),
});
const HttpUpdateRequest = IDL.Record({
  method: IDL.Text,
  url: IDL.Text,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
});
const HttpResponse = IDL.Record({
  status_code: IDL.Nat16,
  headers: IDL.Vec(HeaderField),
  body: IDL.Vec(IDL.Nat8),
  upgrade: IDL.Opt(IDL.Bool),
});

const encoder = new TextEncoder();

function reply(response: FeedResponse, upgrade: boolean) {
  return {
    status_code: response.status,
    headers: response.headers,
    body: encoder.encode(response.body),
    upgrade: upgrade ? [true] : [],
  };
}

/**
 * The public .ics feed over the IC HTTP gateway. A query reply would need a certificate the
 * gateway can check, so `http_request` asks for an upgrade and `http_request_update` answers:
 * update replies go through consensus, which certifies them.
 */
export class FeedEndpoints {
  private readonly service = inject(CALENDAR_SERVICE);

  @query([HttpRequest], HttpResponse)
  @allow('public')
  http_request(request: FeedRequest) {
    if (feedCalendarId(request.url) === undefined) {
      return reply(
        { status: 404, headers: [['content-type', 'text/plain']], body: 'not found\n' },
        false,
      );
    }
    return reply({ status: 200, headers: [], body: '' }, true);
  }

  @update([HttpUpdateRequest], HttpResponse)
  @allow('public')
  http_request_update(request: FeedRequest) {
    return reply(this.service.feed.serve(request), false);
  }
}
