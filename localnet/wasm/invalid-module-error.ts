/** Stable codes for a module that cannot be prepared (each documented in README.md). */
export const INVALID_MODULE_CODES = [
  'WASM_NOT_WASM',
  'WASM_TRUNCATED',
  'WASM_BAD_GZIP',
  'WASM_TOO_LARGE',
  'WASM_MALFORMED',
  'WASM_UNSUPPORTED',
  'WASM_INVALID',
] as const;

export type InvalidModuleCode = (typeof INVALID_MODULE_CODES)[number];

/** Thrown by prepareModule when the installed bytes are not a usable Wasm module. */
export class InvalidModuleError extends Error {
  readonly code: InvalidModuleCode;

  constructor(code: InvalidModuleCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'InvalidModuleError';
    this.code = code;
  }
}
