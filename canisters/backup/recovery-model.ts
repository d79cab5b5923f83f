/** The steps of a recovery plan, in the order they run. */
export const STEP_NAMES = [
  'select_version',
  'create_canister',
  'install_wasm',
  'restore_chunks',
  'verify_restore',
  'register',
  'repoint_links',
  'repoint_load_balancer',
  'health_check',
] as const;
export type StepName = (typeof STEP_NAMES)[number];

export interface PlanStep {
  name: StepName;
  description: string;
  preconditions: string[];
  estimatedInstructions: bigint;
  estimatedCycles: bigint;
  status: 'pending' | 'done' | 'failed';
  /** Times the step began (a step resumed after an interruption begins again from its progress). */
  attempts: number;
  finishedAt?: bigint;
  detail?: string;
}

export type RecoveryMode = 'new' | 'same';

export interface RecoveryPlan {
  id: bigint;
  /** The canister being recovered. */
  canister: string;
  kind: string;
  group?: string;
  shard?: string;
  mode: RecoveryMode;
  version: bigint;
  moduleHash: string;
  /** The canister restored into: the old one (same), or the created one once created (new). */
  target?: string;
  steps: PlanStep[];
  cursor: number;
  status: 'ready' | 'running' | 'done' | 'failed';
  createdAt: bigint;
  updatedAt: bigint;
  /** A running execution holds the plan until then; a later one may take over after it. */
  leaseUntil?: bigint;
  chunksSent: number;
  importBegun: boolean;
  error?: string;
}
