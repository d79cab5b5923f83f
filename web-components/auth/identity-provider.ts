import type { Identity } from '@dfinity/agent';

/**
 * Where the widget gets a signed-in identity: InternetIdentityProvider on the IC, DevIdentityProvider on
 * localnet (Internet Identity is not deployed there).
 */
export interface IdentityProvider {
  /** Shown on the sign-in button. */
  readonly name: string;
  /** The identity from an earlier sign-in, or null. Never prompts. */
  restore(): Promise<Identity | null>;
  signIn(): Promise<Identity>;
  signOut(): Promise<void>;
}
