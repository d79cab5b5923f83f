import {
  CanisterError,
  HttpRequestArgs,
  HttpResult,
  type HttpHeaderValue,
  type HttpResultValue,
  isCanisterError,
  outcallCycles,
  outcallRequestBytes,
  type Platform,
  Principal,
} from '../../core/index.ts';
import {
  FEED_TRANSFORM_METHOD,
  MAX_RESPONSE_BYTES,
  responseLimitFor,
  type SubscriptionRecord,
} from './subscription-model.ts';

/** What the feed's server said, after the transform kept only what replicas agree on. */
export type FeedResponse =
  | { kind: 'not_modified' }
  | { kind: 'body'; body: Uint8Array; etag?: string; lastModified?: string };

/** The validators of the last response, so an unchanged feed answers 304 without a body. */
export function conditionalHeaders(
  record: Pick<SubscriptionRecord, 'etag' | 'lastModified'>,
): HttpHeaderValue[] {
  return [
    { name: 'accept', value: 'text/calendar, */*;q=0.5' },
    ...(record.etag === undefined ? [] : [{ name: 'if-none-match', value: record.etag }]),
    ...(record.lastModified === undefined
      ? []
      : [{ name: 'if-modified-since', value: record.lastModified }]),
  ];
}

const KEPT_HEADERS = new Set(['etag', 'last-modified']);

/**
 * The transform: status and body as they came, and of the headers only ETag and Last-Modified
 * (lower-cased names); dates, cookies and request ids differ between replicas and are dropped.
 */
export function keepFeedHeaders(response: HttpResultValue): HttpResultValue {
  const headers = response.headers
    .map((h) => ({ name: h.name.toLowerCase(), value: h.value }))
    .filter((h) => KEPT_HEADERS.has(h.name))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { status: response.status, headers, body: response.body };
}

const headerOf = (response: HttpResultValue, name: string) =>
  response.headers.find((h) => h.name.toLowerCase() === name)?.value;

/** Turns a transformed response into a FeedResponse or a recorded error. */
export function feedResponseOf(response: HttpResultValue): FeedResponse {
  const status = Number(response.status);
  if (status === 304) return { kind: 'not_modified' };
  if (status < 200 || status >= 300)
    throw new CanisterError('SUBSCRIPTION_HTTP_ERROR', `the feed's server answered HTTP ${status}`);
  const etag = headerOf(response, 'etag');
  const lastModified = headerOf(response, 'last-modified');
  return {
    kind: 'body',
    body: response.body,
    ...(etag === undefined ? {} : { etag }),
    ...(lastModified === undefined ? {} : { lastModified }),
  };
}

/** A failed outcall as a recorded error: too large, or unreachable (the IC's reject message). */
export function fetchErrorOf(error: unknown): CanisterError {
  if (isCanisterError(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (/exceeds|size limit|too large/i.test(text))
    return new CanisterError(
      'SUBSCRIPTION_FEED_TOO_LARGE',
      `the feed is larger than ${MAX_RESPONSE_BYTES} bytes (an import's limit and its headers)`,
    );
  return new CanisterError(
    'SUBSCRIPTION_FETCH_FAILED',
    `the feed could not be fetched: ${text.slice(0, 300)}`,
  );
}

/**
 * GETs the feed through the management canister's http_request, paying the IC's price. The
 * limit asked for follows the feed's last size (responseLimitFor); a feed that outgrew it is
 * fetched again at once with the full limit (both outcalls are paid).
 */
export async function fetchFeed(
  platform: Platform,
  record: SubscriptionRecord,
): Promise<FeedResponse> {
  const limit = responseLimitFor(record);
  try {
    return await fetchFeedWithin(platform, record, limit);
  } catch (error) {
    const failure = fetchErrorOf(error);
    if (failure.code !== 'SUBSCRIPTION_FEED_TOO_LARGE' || limit >= MAX_RESPONSE_BYTES)
      throw failure;
    return fetchFeedWithin(platform, record, MAX_RESPONSE_BYTES);
  }
}

async function fetchFeedWithin(
  platform: Platform,
  record: SubscriptionRecord,
  maxResponseBytes: bigint,
): Promise<FeedResponse> {
  const headers = conditionalHeaders(record);
  const cycles = outcallCycles(
    outcallRequestBytes(record.url, FEED_TRANSFORM_METHOD, headers),
    maxResponseBytes,
  );
  let reply: HttpResultValue;
  try {
    reply = await platform.call<HttpResultValue>(Principal.managementCanister(), 'http_request', {
      paramIdlTypes: [HttpRequestArgs],
      returnIdlType: HttpResult,
      args: [
        {
          url: record.url,
          max_response_bytes: [maxResponseBytes],
          method: { get: null },
          headers,
          body: [],
          transform: [
            {
              function: [platform.selfId(), FEED_TRANSFORM_METHOD],
              context: new Uint8Array(0),
            },
          ],
          is_replicated: [],
        },
      ],
      cycles,
    });
  } catch (error) {
    throw fetchErrorOf(error);
  }
  return feedResponseOf(reply);
}
