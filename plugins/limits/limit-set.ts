import type { MethodMetadata } from '../../core/index.ts';

/** Every limit the plugin knows; a method's effective set merges three sources key by key. */
export interface LimitSet {
  maxArgBytes?: number;
  maxTextLength?: number;
  maxBlobBytes?: number;
  maxVecLength?: number;
  ratePerMinute?: number;
  burst?: number;
  /** The method's instruction budget per call (checked by the fuzz suite, see README.md). */
  maxInstructions?: number;
}

export const LIMIT_KEYS = [
  'maxArgBytes',
  'maxTextLength',
  'maxBlobBytes',
  'maxVecLength',
  'ratePerMinute',
  'burst',
  'maxInstructions',
] as const satisfies readonly (keyof LimitSet)[];

/** Keeps the known keys of `@limits({...})` metadata; others belong to other plugins. */
function fromMetadata(metadata: MethodMetadata): LimitSet {
  const declared = metadata.limits ?? {};
  const known: LimitSet = {};
  for (const key of LIMIT_KEYS) {
    const value = declared[key];
    if (typeof value === 'number') known[key] = value;
  }
  return known;
}

/** canister.yaml `methods.<m>` over `@limits` in code over canister.yaml `defaults`. */
export function effectiveLimits(
  method: string,
  metadata: MethodMetadata,
  defaults: LimitSet,
  perMethod: Readonly<Record<string, LimitSet>>,
): LimitSet {
  return { ...defaults, ...fromMetadata(metadata), ...perMethod[method] };
}
