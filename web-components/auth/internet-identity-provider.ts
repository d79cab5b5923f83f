import type { Identity } from '@dfinity/agent';
import type { AuthClient } from '@dfinity/auth-client';

import type { IdentityProvider } from './identity-provider.ts';

/** The part of @dfinity/auth-client's AuthClient this provider uses (tests pass a fake). */
export type AuthClientLike = Pick<
  AuthClient,
  'isAuthenticated' | 'getIdentity' | 'login' | 'logout'
>;

export interface InternetIdentityOptions {
  /** Internet Identity's URL (default: the mainnet one). */
  identityProvider?: string;
  /** How long a sign-in lasts (default 8 hours). */
  maxTimeToLiveNs?: bigint;
  /** Makes the auth client; by default `AuthClient.create()`, loaded only when first needed. */
  createClient?: () => Promise<AuthClientLike>;
}

const EIGHT_HOURS_NS = 8n * 3_600n * 1_000_000_000n;

/** Sign-in with Internet Identity on the IC, through the IC's auth client (a popup window). */
export class InternetIdentityProvider implements IdentityProvider {
  readonly name = 'Internet Identity';
  private client: Promise<AuthClientLike> | undefined;

  constructor(private readonly options: InternetIdentityOptions = {}) {}

  async restore(): Promise<Identity | null> {
    const client = await this.authClient();
    return (await client.isAuthenticated()) ? client.getIdentity() : null;
  }

  async signIn(): Promise<Identity> {
    const client = await this.authClient();
    await new Promise<void>((resolve, reject) => {
      void client.login({
        identityProvider: this.options.identityProvider ?? 'https://identity.ic0.app',
        maxTimeToLive: this.options.maxTimeToLiveNs ?? EIGHT_HOURS_NS,
        onSuccess: () => resolve(),
        onError: (reason) => reject(new Error(`Internet Identity sign-in failed: ${reason}`)),
      });
    });
    return client.getIdentity();
  }

  async signOut(): Promise<void> {
    await (await this.authClient()).logout();
  }

  private authClient(): Promise<AuthClientLike> {
    this.client ??= this.options.createClient
      ? this.options.createClient()
      : import('@dfinity/auth-client').then(({ AuthClient }) => AuthClient.create());
    return this.client;
  }
}
