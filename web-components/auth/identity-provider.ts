import type { Identity } from '@dfinity/agent';

/**
 * Where the widget gets a signed-in identity. Internet Identity (auth client) would be one implementation;
 * it is not installed here, so the development provider below is the only one shipped.
 */
export interface IdentityProvider {
  /** Shown on the sign-in button. */
  readonly name: string;
  /** The identity from an earlier sign-in, or null. Never prompts. */
  restore(): Promise<Identity | null>;
  signIn(): Promise<Identity>;
  signOut(): Promise<void>;
}
