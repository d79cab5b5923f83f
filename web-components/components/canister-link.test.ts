import type { Identity } from '@dfinity/agent';
import { describe, expect, it } from 'vitest';

import type { IdentityProvider } from '../auth/identity-provider.ts';
import type { CalendarSource } from '../client/calendar-source.ts';
import type { CanisterConnectionOptions } from '../client/canister-connection.ts';
import { CanisterLink, type CanisterLinkRequest } from './canister-link.ts';

/** A connect function whose calls resolve when the test says, recording what each asked for. */
function controlledConnect() {
  const calls: { options: CanisterConnectionOptions; settle: (ok: boolean) => void }[] = [];
  const open = (options: CanisterConnectionOptions) =>
    new Promise<CalendarSource>((resolve, reject) => {
      calls.push({
        options,
        settle: (ok) =>
          ok
            ? resolve({ label: options.canisterId } as unknown as CalendarSource)
            : reject(new Error('Failed to fetch')),
      });
    });
  return { calls, open };
}

const request = (canisterId: string, provider?: IdentityProvider): CanisterLinkRequest => ({
  canisterId,
  host: '',
  calendarIds: ['c1'],
  provider: Promise.resolve(provider),
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('CanisterLink', () => {
  it('passes the restored identity, the named calendars, and the IC for an empty host', async () => {
    const identity = { getPrincipal: () => ({ toText: () => 'user' }) } as unknown as Identity;
    const provider: IdentityProvider = {
      name: 'test',
      restore: async () => identity,
      signIn: async () => identity,
      signOut: async () => {},
    };
    const { calls, open } = controlledConnect();
    const link = new CanisterLink(open);
    const outcome = link.connect(request('a', provider));
    await tick();
    expect(calls[0]!.options).toEqual({
      canisterId: 'a',
      host: undefined,
      identity,
      calendarIds: ['c1'],
    });
    calls[0]!.settle(true);
    expect(await outcome).toEqual({ source: { label: 'a' } });
  });

  it('drops a connection (or its failure) that finishes after a newer request or a cancel', async () => {
    const { calls, open } = controlledConnect();
    const link = new CanisterLink(open);
    const first = link.connect(request('first'));
    const second = link.connect(request('second'));
    await tick();
    calls[1]!.settle(false);
    calls[0]!.settle(true);
    expect(await first).toBeUndefined();
    expect(await second).toMatchObject({ error: new Error('Failed to fetch') });
    const third = link.connect(request('third'));
    await tick();
    link.cancel();
    calls[2]!.settle(true);
    expect(await third).toBeUndefined();
  });
});
