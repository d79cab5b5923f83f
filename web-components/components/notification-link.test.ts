import type { Identity } from '@dfinity/agent';
import { describe, expect, it } from 'vitest';

import type { IdentityProvider } from '../auth/identity-provider.ts';
import type { NotificationSource } from '../client/notification-source.ts';
import { NotificationLink, type NotificationLinkHost } from './notification-link.ts';

const identityOf = (principal: string) =>
  ({ getPrincipal: () => ({ toText: () => principal }) }) as unknown as Identity;
const providerOf = (principal: string | null): IdentityProvider => ({
  name: 'test',
  restore: async () => (principal ? identityOf(principal) : null),
  signIn: async () => identityOf(principal ?? 'x'),
  signOut: async () => {},
});
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

function setup() {
  const opened: { canisterId: string; host: string; principal: string }[] = [];
  let updates = 0;
  const errors: string[] = [];
  let fail = false;
  const host: NotificationLinkHost = {
    notificationCanister: '',
    host: 'http://127.0.0.1:4943',
    principal: null,
    identityProvider: undefined,
    signInProvider: providerOf('alice'),
    addController: () => {},
    removeController: () => {},
    requestUpdate: () => void updates++,
    updateComplete: Promise.resolve(true),
    reportError: (error) => void errors.push(error.code),
  };
  const link = new NotificationLink(host, async ({ canisterId, host: at, identity }) => {
    if (fail) throw new Error('Failed to fetch');
    opened.push({ canisterId, host: at, principal: identity.getPrincipal().toText() });
    return { label: canisterId } as unknown as NotificationSource;
  });
  const update = async () => {
    link.hostUpdated();
    await tick();
  };
  return {
    host,
    link,
    opened,
    update,
    errors,
    updates: () => updates,
    failNext: () => (fail = true),
  };
}

describe('NotificationLink', () => {
  it('opens the inbox once the attribute is set and someone is signed in, with their identity', async () => {
    const { host, link, opened, update } = setup();
    await update();
    expect(link.source).toBeUndefined();
    host.notificationCanister = 'notif-1';
    await update();
    expect(link.source).toBeUndefined(); // nobody signed in: no inbox
    host.principal = 'alice';
    await update();
    expect(opened).toEqual([
      { canisterId: 'notif-1', host: 'http://127.0.0.1:4943', principal: 'alice' },
    ]);
    expect(link.source).toMatchObject({ label: 'notif-1' });
    await update(); // nothing changed: no reconnect
    expect(opened).toHaveLength(1);
  });

  it('drops the inbox on sign-out and when the identity is not the principal shown', async () => {
    const { host, link, update, updates } = setup();
    host.notificationCanister = 'notif-1';
    host.principal = 'alice';
    await update();
    expect(link.source).toBeDefined();
    const before = updates();
    host.principal = null;
    await update();
    expect(link.source).toBeUndefined();
    expect(updates()).toBe(before + 1);
    host.principal = 'bob'; // the provider restores alice: never open alice's inbox as bob's
    await update();
    expect(link.source).toBeUndefined();
  });

  it('reports an inbox that cannot be opened as NOTIFICATIONS_UNAVAILABLE', async () => {
    const { host, link, update, errors, failNext } = setup();
    failNext();
    host.notificationCanister = 'notif-1';
    host.principal = 'alice';
    await update();
    expect(link.source).toBeUndefined();
    expect(errors).toEqual(['NOTIFICATIONS_UNAVAILABLE']);
  });
});
