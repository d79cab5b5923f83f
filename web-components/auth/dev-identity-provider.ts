import type { Identity } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';

import type { IdentityProvider } from './identity-provider.ts';

const STORAGE_KEY = 'icp-calendar:dev-identity';

/**
 * Development sign-in for localnet: an Ed25519 key kept in localStorage. Anyone with access to the page's
 * storage holds the key, so it is for local networks only.
 */
export class DevIdentityProvider implements IdentityProvider {
  readonly name = 'development key';
  constructor(private readonly storage: Storage = localStorage) {}

  async restore(): Promise<Identity | null> {
    const saved = this.storage.getItem(STORAGE_KEY);
    return saved ? Ed25519KeyIdentity.fromJSON(saved) : null;
  }

  async signIn(): Promise<Identity> {
    const existing = await this.restore();
    if (existing) return existing;
    const identity = Ed25519KeyIdentity.generate();
    this.storage.setItem(STORAGE_KEY, JSON.stringify(identity.toJSON()));
    return identity;
  }

  async signOut(): Promise<void> {
    this.storage.removeItem(STORAGE_KEY);
  }
}
