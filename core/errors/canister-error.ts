/** Details that help a caller act on an error: what was expected and what was found. */
export interface ErrorDetails {
  expected?: string;
  found?: string;
  where?: string;
  [key: string]: string | undefined;
}

/**
 * An expected failure that reaches the caller as `Err { code; message }`.
 * The code is stable and namespaced (`AUTH_FORBIDDEN`); the message says
 * what was expected and what was found. Traps are for bugs only.
 */
export class CanisterError extends Error {
  readonly code: string;
  readonly details: ErrorDetails;

  constructor(code: string, message: string, details: ErrorDetails = {}) {
    super(message);
    this.name = 'CanisterError';
    this.code = code;
    this.details = details;
  }

  /** The `Err` payload of a Candid `Result`. */
  toErr(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }
}

export function isCanisterError(value: unknown): value is CanisterError {
  return value instanceof CanisterError;
}

/** Builds a message of the form `what: expected X, found Y`. */
export function describeMismatch(what: string, expected: string, found: string): string {
  return `${what}: expected ${expected}, found ${found}`;
}
