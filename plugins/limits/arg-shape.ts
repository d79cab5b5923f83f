import { CanisterError } from '../../core/index.ts';
import type { LimitSet } from './limit-set.ts';

type ShapeLimits = Pick<LimitSet, 'maxTextLength' | 'maxBlobBytes' | 'maxVecLength'>;

/**
 * Walks the decoded arguments and returns the first text, blob or vector past
 * its limit, named by its path (`arg0.title`, `arg1[3]`).
 */
export function shapeViolation(args: unknown[], limits: ShapeLimits): CanisterError | undefined {
  if (
    limits.maxTextLength === undefined &&
    limits.maxBlobBytes === undefined &&
    limits.maxVecLength === undefined
  ) {
    return undefined;
  }
  for (let i = 0; i < args.length; i++) {
    const found = visit(args[i], `arg${i}`, limits);
    if (found !== undefined) return found;
  }
  return undefined;
}

function visit(value: unknown, path: string, limits: ShapeLimits): CanisterError | undefined {
  if (typeof value === 'string') {
    if (limits.maxTextLength !== undefined && value.length > limits.maxTextLength) {
      return tooBig(
        'LIMITS_TEXT_TOO_LONG',
        path,
        `${limits.maxTextLength} characters`,
        value.length,
      );
    }
    return undefined;
  }
  if (value instanceof Uint8Array) {
    if (limits.maxBlobBytes !== undefined && value.length > limits.maxBlobBytes) {
      return tooBig('LIMITS_BLOB_TOO_LARGE', path, `${limits.maxBlobBytes} bytes`, value.length);
    }
    return undefined;
  }
  if (Array.isArray(value)) {
    if (limits.maxVecLength !== undefined && value.length > limits.maxVecLength) {
      return tooBig('LIMITS_VEC_TOO_LONG', path, `${limits.maxVecLength} items`, value.length);
    }
    for (let i = 0; i < value.length; i++) {
      const found = visit(value[i], `${path}[${i}]`, limits);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (isPlainRecord(value)) {
    for (const [key, field] of Object.entries(value)) {
      const found = visit(field, `${path}.${key}`, limits);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

// Records and variants decode to plain objects; principals and other class instances are leaves.
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

function tooBig(code: string, path: string, limit: string, found: number): CanisterError {
  return new CanisterError(code, `${path} is over the limit of ${limit}`, {
    expected: `at most ${limit}`,
    found: String(found),
    where: path,
  });
}
