/** A registered group of canisters that trust each other's calls. */
export interface GroupRecord {
  description: string;
  createdAt: bigint;
  createdBy: string;
}

/** One canister in one group, with its type and optional shard key. */
export interface MemberRecord {
  group: string;
  canister: string;
  kind: string;
  shard?: string;
  addedAt: bigint;
}

export interface MemberInput {
  group: string;
  canister: string;
  kind: string;
  shard?: string;
}

export const MAX_MEMBERS_PER_GROUP = 1000;
export const MAX_DESCRIPTION_LENGTH = 256;
export const MAX_SHARD_LENGTH = 64;
export const NAME_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;

/** The key of a membership: group, then principal, so one group's members sit together. */
export function memberKey(group: string, canister: string): string {
  return `${group}/${canister}`;
}
