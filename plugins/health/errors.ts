import { CanisterError, type ErrorDetails } from '../../core/index.ts';

/**
 * Every code the health plugin raises; README.md documents each (a test keeps
 * them equal). health_check never refuses: a caller who is not a monitor gets
 * the overall status without the checks.
 */
export const HEALTH_ERROR_CODES = {
  HEALTH_OPTIONS_INVALID:
    'A health option could not be used at setup (e.g. two dependencies with the same name); the build or the canister start fails.',
} as const;

export type HealthErrorCode = keyof typeof HEALTH_ERROR_CODES;

export function healthError(
  code: HealthErrorCode,
  message: string,
  details: ErrorDetails = {},
): CanisterError {
  return new CanisterError(code, message, details);
}
