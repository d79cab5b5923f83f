/** Codes the limits plugin returns in `Err`, with the meaning README.md documents (a test keeps both equal). */
export const LIMITS_ERROR_CODES = {
  LIMITS_ARG_TOO_LARGE: 'The encoded Candid argument is larger than maxArgBytes for the method.',
  LIMITS_TEXT_TOO_LONG: 'A text anywhere in the argument is longer than maxTextLength characters.',
  LIMITS_BLOB_TOO_LARGE: 'A blob anywhere in the argument is larger than maxBlobBytes.',
  LIMITS_VEC_TOO_LONG: 'A vector anywhere in the argument has more than maxVecLength items.',
  LIMITS_RATE_LIMITED:
    'The caller used up its call budget for the method (token bucket); retry after the time the message gives.',
} as const;

export type LimitsErrorCode = keyof typeof LIMITS_ERROR_CODES;
