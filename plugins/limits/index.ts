import { limits } from './plugin.ts';

export { LIMITS, type LimitsService } from './tokens.ts';
export { LIMITS_ERROR_CODES, type LimitsErrorCode } from './errors.ts';
export { LIMIT_KEYS, type LimitSet, effectiveLimits } from './limit-set.ts';
export { DEFAULT_INSTRUCTION_BUDGET, instructionBudget } from './instruction-budget.ts';
export type { LimitsOptions } from './plugin.ts';
export default limits;
