import { type MethodMetadata, token } from '../../core/index.ts';
import type { LimitSet } from './limit-set.ts';

/** What the limits plugin tells other code: the limits in force and its heap use. */
export interface LimitsService {
  /** The merged limits of a method (canister.yaml methods > @limits > canister.yaml defaults). */
  effective(method: string, metadata: MethodMetadata): LimitSet;
  trackedBuckets(): number;
}

export const LIMITS = token<LimitsService>('limits/service');
