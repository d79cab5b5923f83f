import type { IdentityProvider } from './identity-provider.ts';

/** Values of `<icp-calendar sign-in>`: which built-in provider the element's sign-in button uses. */
export type BuiltInSignIn = 'internet-identity' | 'dev';

export function isBuiltInSignIn(value: string): value is BuiltInSignIn {
  return value === 'internet-identity' || value === 'dev';
}

/** Loaded on first use, so pages that never sign in do not evaluate the identity libraries. */
export async function builtInProvider(kind: BuiltInSignIn): Promise<IdentityProvider> {
  if (kind === 'dev') {
    const { DevIdentityProvider } = await import('./dev-identity-provider.ts');
    return new DevIdentityProvider();
  }
  const { InternetIdentityProvider } = await import('./internet-identity-provider.ts');
  return new InternetIdentityProvider();
}
