/**
 * Every failure of the calendar domain is a DomainError with a stable code.
 * Domain functions throw it; endpoint code turns it into a typed result with
 * `attempt` (one convention for the whole domain).
 */
export const DOMAIN_ERROR_CODES = [
  'TZ_UNKNOWN',
  'DATE_INVALID',
  'RRULE_INVALID',
  'RRULE_UNSUPPORTED',
  'RRULE_TOO_LONG',
  'EXPANSION_LIMIT',
  'RANGE_INVALID',
  'EVENT_INVALID',
  'ICS_MALFORMED',
  'ICS_COMPONENT_INVALID',
] as const;

export type DomainErrorCode = (typeof DOMAIN_ERROR_CODES)[number];

export interface DomainErrorData {
  code: DomainErrorCode;
  message: string;
  /** Optional structured detail (e.g. the list of field issues or ICS problems). */
  details?: readonly unknown[];
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  /** the message without the code prefix */
  readonly reason: string;
  readonly details?: readonly unknown[];

  constructor(code: DomainErrorCode, reason: string, details?: readonly unknown[]) {
    super(`${code}: ${reason}`);
    this.name = 'DomainError';
    this.code = code;
    this.reason = reason;
    this.details = details;
  }

  toData(): DomainErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.reason }
      : { code: this.code, message: this.reason, details: this.details };
  }
}

export type DomainResult<T> = { ok: true; value: T } | { ok: false; error: DomainErrorData };

/** Runs a domain function and returns its outcome as data; non-domain errors are rethrown. */
export function attempt<T>(run: () => T): DomainResult<T> {
  try {
    return { ok: true, value: run() };
  } catch (error) {
    if (error instanceof DomainError) return { ok: false, error: error.toData() };
    throw error;
  }
}
