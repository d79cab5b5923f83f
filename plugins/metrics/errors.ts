import { CanisterError, type ErrorDetails } from '../../core/index.ts';

/** Every code the metrics plugin raises; README.md documents each (a test keeps them equal). */
export const METRICS_ERROR_CODES = {
  METRICS_FORBIDDEN:
    'The caller is not a controller, an admin or a configured monitor; metrics (cycles balance included) are not public.',
} as const;

export type MetricsErrorCode = keyof typeof METRICS_ERROR_CODES;

export function metricsError(
  code: MetricsErrorCode,
  message: string,
  details: ErrorDetails = {},
): CanisterError {
  return new CanisterError(code, message, details);
}
