import { HttpAgent, type Identity } from '@dfinity/agent';

import { CalendarSourceError } from './calendar-source.ts';

/** Where `<icp-calendar host>` points when the attribute is absent: the IC's API boundary nodes. */
export const IC_HOST = 'https://icp-api.io';

/**
 * True for a development network on this machine. Only such a network's root key is fetched: on the IC the
 * agent checks certificates against the root key it ships with, and trusting a key served by the host
 * would let any host forge replies.
 */
export function isLocalHost(host: string): boolean {
  const name = hostName(host).replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    name === '::1' ||
    /^127(\.\d{1,3}){3}$/.test(name)
  );
}

function hostName(host: string): string {
  try {
    return new URL(host).hostname;
  } catch {
    throw new CalendarSourceError({
      code: 'HOST_INVALID',
      message: `host must be an http(s) URL such as ${IC_HOST}`,
      expected: 'an absolute http(s) URL',
      found: host,
    });
  }
}

/** An agent for `host` (default the IC), signed by `identity` or anonymous. */
export function createCalendarAgent(
  host = IC_HOST,
  identity?: Identity | null,
): Promise<HttpAgent> {
  return HttpAgent.create({
    host,
    identity: identity ?? undefined,
    shouldFetchRootKey: isLocalHost(host),
  });
}
