import type { CalendarBook } from './calendar-book.ts';
import { feedTokenOf, type FeedTokens } from './feed-tokens.ts';
import type { IcsTransfer } from './ics-transfer.ts';

export interface FeedRequest {
  method: string;
  url: string;
  headers: [string, string][];
}

export interface FeedResponse {
  status: number;
  headers: [string, string][];
  body: string;
}

export const FEED_PATH = /^\/calendars\/([A-Za-z0-9_-]{1,200})\.ics$/;

/** The calendar id a feed URL names (`/calendars/<id>.ics`, query string ignored), if any. */
export function feedCalendarId(url: string): string | undefined {
  return FEED_PATH.exec(url.split('?')[0] ?? '')?.[1];
}

function header(request: FeedRequest, name: string): string | undefined {
  return request.headers.find(([key]) => key.toLowerCase() === name)?.[1];
}

const plain = (status: number, body: string): FeedResponse => ({
  status,
  headers: [['content-type', 'text/plain; charset=utf-8']],
  body,
});

/**
 * The iCalendar feed of a public calendar, or of a private one at its secret address (a valid
 * `?token=`), with an ETag (calendar id and revision) and Last-Modified, so polling clients get
 * 304 Not Modified. Private calendars without a valid token look absent.
 */
export class IcsFeed {
  constructor(
    private readonly calendars: CalendarBook,
    private readonly ics: IcsTransfer,
    private readonly tokens: FeedTokens,
  ) {}

  /**
   * The refusal of a request that can never be served (no such or no public calendar, wrong
   * method), from one record read: the http_request query answers it without an upgrade.
   */
  refusal(request: FeedRequest): FeedResponse | undefined {
    const id = feedCalendarId(request.url);
    if (id === undefined) return plain(404, 'not found\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'GET only\n');
    const calendar = this.calendars.get(id);
    if (calendar === undefined) return plain(404, 'no public calendar here\n');
    if (calendar.visibility === 'public' || this.tokens.opens(id, feedTokenOf(request.url)))
      return undefined;
    return plain(404, 'no public calendar here\n');
  }

  serve(request: FeedRequest): FeedResponse {
    const refused = this.refusal(request);
    if (refused !== undefined) return refused;
    const calendar = this.calendars.get(feedCalendarId(request.url)!)!;
    const etag = `"${calendar.id}-r${calendar.revision}"`;
    const lastModified = new Date(calendar.changedMs).toUTCString();
    const validators: [string, string][] = [
      ['etag', etag],
      ['last-modified', lastModified],
      // a secret address must not be kept by shared caches
      ['cache-control', `${calendar.visibility === 'public' ? 'public' : 'private'}, max-age=60`],
    ];
    const ifNoneMatch = header(request, 'if-none-match');
    const ifModifiedSince = header(request, 'if-modified-since');
    const notModified =
      ifNoneMatch !== undefined
        ? ifNoneMatch.split(',').some((tag) => tag.trim() === etag || tag.trim() === '*')
        : ifModifiedSince !== undefined &&
          Date.parse(ifModifiedSince) >= Math.floor(calendar.changedMs / 1000) * 1000;
    if (notModified) return { status: 304, headers: validators, body: '' };
    const body = request.method === 'HEAD' ? '' : this.ics.render(calendar);
    return {
      status: 200,
      headers: [['content-type', 'text/calendar; charset=utf-8'], ...validators],
      body,
    };
  }
}
