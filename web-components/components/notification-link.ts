import type { ReactiveController, ReactiveControllerHost } from 'lit';

import type { Identity } from '@dfinity/agent';

import type { IdentityProvider } from '../auth/identity-provider.ts';
import type { NotificationSource } from '../client/notification-source.ts';

/** Opens the inbox; by default with the shipped notification bindings. */
export type ConnectInbox = (options: {
  canisterId: string;
  host: string;
  identity: Identity;
}) => Promise<NotificationSource>;

// Imported on first use: pages without the attribute never evaluate these bindings.
const connectShippedClient: ConnectInbox = async (options) =>
  (await import('../client/connect-notifications.ts')).connectNotificationCanister(options);

/** What `<icp-calendar>` exposes to the link: the attribute, the host, who is signed in. */
export interface NotificationLinkHost extends ReactiveControllerHost {
  notificationCanister: string;
  host: string;
  principal: string | null;
  identityProvider: IdentityProvider | undefined;
  signInProvider: IdentityProvider | undefined;
  reportError(error: { code: string; message: string }): void;
}

/**
 * The inbox `<icp-calendar notification-canister>` reads for its bell: the signed-in user's, on that
 * canister, with the identity the calendar signed in with. None while nobody is signed in (an inbox
 * is per user). Rebuilt when the attribute, the host or the principal changes; only the latest
 * connection counts.
 */
export class NotificationLink implements ReactiveController {
  source: NotificationSource | undefined;
  private key = '';
  private latest = 0;

  constructor(
    private readonly host: NotificationLinkHost,
    private readonly open: ConnectInbox = connectShippedClient,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    const { notificationCanister, host, principal } = this.host;
    const key = `${notificationCanister}|${host}|${principal ?? ''}`;
    if (key === this.key) return;
    this.key = key;
    void this.connect();
  }

  private async connect(): Promise<void> {
    const ticket = ++this.latest;
    // The previous user's inbox goes at once; the new one shows once it is open.
    if (this.source !== undefined) {
      this.source = undefined;
      this.host.requestUpdate();
    }
    const { notificationCanister, host, principal } = this.host;
    const provider = this.host.identityProvider ?? this.host.signInProvider;
    if (!notificationCanister || !principal || !provider) return;
    try {
      const identity = await provider.restore();
      if (identity?.getPrincipal().toText() !== principal) return;
      const source = await this.open({ canisterId: notificationCanister, host, identity });
      if (ticket !== this.latest) return;
      this.source = source;
      this.host.requestUpdate();
    } catch (error) {
      if (ticket !== this.latest) return;
      this.host.reportError({
        code: 'NOTIFICATIONS_UNAVAILABLE',
        message: `the notification canister's inbox could not be opened: ${String(error)}`,
      });
    }
  }
}
