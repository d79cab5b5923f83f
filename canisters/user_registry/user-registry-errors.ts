/** Codes the user registry returns in `Err` (README.md documents them; a test keeps both equal). */
export const USER_REGISTRY_ERROR_CODES = {
  PROFILE_EXISTS: 'register was called by a user who already has a profile; use update_profile.',
  PROFILE_NOT_FOUND: 'The principal has no profile (never registered, or deleted).',
  PROFILE_INVALID:
    'A profile field breaks its rule: name length, unknown IANA zone, unknown locale, week start not 0-6.',
  REGISTRY_NOT_CONFIGURED:
    'No calendar canister is configured, so account data cannot be erased yet.',
} as const;

export type UserRegistryErrorCode = keyof typeof USER_REGISTRY_ERROR_CODES;
