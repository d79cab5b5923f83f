/**
 * Codes the auth plugin raises, with the meaning its README documents (a test
 * keeps both equal). Refusals of `@allow` itself come from core
 * (`AUTH_ANONYMOUS`, `AUTH_FORBIDDEN`), and so does `AUTH_NOT_OWNER`,
 * which `requireOwner` raises; these are the plugin's own.
 */
export const AUTH_ERROR_CODES = {
  AUTH_ADMIN_CONFIGURED:
    'The principal is an admin by canister.yaml; only a new deployment can remove it.',
  AUTH_REGISTRY_NOT_SET:
    'Group membership was asked for, but no registry canister is configured or set.',
  AUTH_REGISTRY_UNREACHABLE:
    'The registry canister did not answer a membership refresh (rejected, trapped or replied Err).',
  AUTH_INVALID_LIMIT: 'A page size is zero or above the maximum the endpoint allows.',
} as const;

export type AuthErrorCode = keyof typeof AUTH_ERROR_CODES;
