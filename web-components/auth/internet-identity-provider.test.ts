import type { Identity } from '@dfinity/agent';
import type { AuthClientLoginOptions } from '@dfinity/auth-client';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { describe, expect, it } from 'vitest';

import { type AuthClientLike, InternetIdentityProvider } from './internet-identity-provider.ts';

/** An auth client that records logins and answers them as the test says. */
function fakeClient(outcome: 'success' | 'error') {
  const identity = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(7));
  const logins: AuthClientLoginOptions[] = [];
  let signedIn = false;
  const client: AuthClientLike = {
    isAuthenticated: async () => signedIn,
    getIdentity: () => identity as Identity,
    login: async (options) => {
      logins.push(options ?? {});
      if (outcome === 'success') {
        signedIn = true;
        await options?.onSuccess?.({} as never);
      } else await options?.onError?.('UserInterrupt');
    },
    logout: async () => {
      signedIn = false;
    },
  };
  return { client, identity, logins };
}

describe('InternetIdentityProvider', () => {
  it('restores nothing before sign-in, then the signed-in identity until sign-out', async () => {
    const fake = fakeClient('success');
    const provider = new InternetIdentityProvider({ createClient: async () => fake.client });
    expect(await provider.restore()).toBeNull();
    expect((await provider.signIn()).getPrincipal().toText()).toBe(
      fake.identity.getPrincipal().toText(),
    );
    expect(await provider.restore()).toBe(fake.identity);
    await provider.signOut();
    expect(await provider.restore()).toBeNull();
  });

  it('passes the configured Internet Identity URL and lifetime to the auth client', async () => {
    const fake = fakeClient('success');
    const provider = new InternetIdentityProvider({
      identityProvider: 'http://127.0.0.1:4943/?canisterId=rdmx6-jaaaa-aaaaa-aaadq-cai',
      maxTimeToLiveNs: 60n,
      createClient: async () => fake.client,
    });
    await provider.signIn();
    expect(fake.logins[0]).toMatchObject({
      identityProvider: 'http://127.0.0.1:4943/?canisterId=rdmx6-jaaaa-aaaaa-aaadq-cai',
      maxTimeToLive: 60n,
    });
  });

  it('rejects with the reason when the user closes the window', async () => {
    const provider = new InternetIdentityProvider({
      createClient: async () => fakeClient('error').client,
    });
    await expect(provider.signIn()).rejects.toThrow(
      'Internet Identity sign-in failed: UserInterrupt',
    );
  });
});
