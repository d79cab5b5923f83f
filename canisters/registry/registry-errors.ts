/** Codes the registry returns in `Err`, with the meaning README.md documents (a test keeps both equal). */
export const REGISTRY_ERROR_CODES = {
  REGISTRY_INVALID_NAME:
    'A group name or canister type is not 1-63 characters of a-z, 0-9, "_" or "-" starting with a letter.',
  REGISTRY_INVALID_SHARD: 'A shard key is empty or longer than 64 characters.',
  REGISTRY_INVALID_CANISTER: 'The principal cannot be a canister (the anonymous principal).',
  REGISTRY_GROUP_EXISTS: 'A group of that name is already registered.',
  REGISTRY_UNKNOWN_GROUP: 'No group of that name is registered.',
  REGISTRY_ALREADY_MEMBER: 'The canister is already a member of the group.',
  REGISTRY_NOT_MEMBER: 'The canister is not a member of the group.',
  REGISTRY_GROUP_FULL: 'The group already holds the maximum number of members (1000).',
} as const;

export type RegistryErrorCode = keyof typeof REGISTRY_ERROR_CODES;
