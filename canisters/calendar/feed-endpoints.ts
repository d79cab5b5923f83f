import { definePlugin } from '../../core/index.ts';
import { HTTP_ROUTES, type HttpResponse } from '../../plugins/metrics/index.ts';
import { CALENDAR_SERVICE } from './calendar-service.ts';
import { FEED_PATH, type FeedResponse } from './ics-feed.ts';

const encoder = new TextEncoder();

function httpResponse(response: FeedResponse): HttpResponse {
  return {
    status_code: response.status,
    headers: response.headers,
    body: encoder.encode(response.body),
    upgrade: [],
  };
}

/**
 * The public .ics feed over the IC HTTP gateway, as an update route of the canister's one
 * http_request (owned by the metrics plugin): a query reply would need a certificate the gateway
 * can check, so http_request asks for an upgrade and http_request_update answers through
 * consensus, which certifies it. A feed that is private or unknown is refused in the query
 * itself (404), so probing costs no update.
 */
export const calendarFeed = definePlugin({
  name: 'calendar-feed',
  dependsOn: ['calendar', 'metrics'],
  setup(ctx) {
    const service = ctx.resolve(CALENDAR_SERVICE);
    ctx.resolve(HTTP_ROUTES).addUpdate(
      ['GET', 'HEAD'],
      FEED_PATH,
      (request) => httpResponse(service.feed.serve(request)),
      (request) => {
        const refused = service.feed.refusal(request);
        return refused === undefined ? undefined : httpResponse(refused);
      },
    );
  },
});
