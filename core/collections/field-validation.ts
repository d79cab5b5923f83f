import { CanisterError } from '../errors/canister-error.ts';
import { DEFAULT_BLOB_MAX, DEFAULT_TEXT_MAX, type FieldSpec } from './collection-spec.ts';

function tooLong(field: FieldSpec, max: number, found: number, unit: string): CanisterError {
  return new CanisterError('INPUT_TOO_LONG', `${field.name} is too long`, {
    where: field.name,
    expected: `at most ${max} ${unit}`,
    found: `${found} ${unit}`,
  });
}

function checkValue(field: FieldSpec, value: unknown): CanisterError | undefined {
  if (field.type === 'text') {
    const max = field.maxLength ?? DEFAULT_TEXT_MAX;
    const length = [...(value as string)].length;
    if (length > max) return tooLong(field, max, length, 'characters');
  }
  if (field.type === 'blob') {
    const max = field.maxLength ?? DEFAULT_BLOB_MAX;
    const length = (value as Uint8Array).length;
    if (length > max) return tooLong(field, max, length, 'bytes');
  }
  if (typeof value === 'bigint' || typeof value === 'number') {
    const below = field.min !== undefined && value < field.min;
    const above = field.max !== undefined && value > field.max;
    if (below || above) {
      return new CanisterError('INPUT_OUT_OF_RANGE', `${field.name} is out of range`, {
        where: field.name,
        expected: `${field.min ?? '-∞'} ≤ ${field.name} ≤ ${field.max ?? '∞'}`,
        found: String(value),
      });
    }
  }
  return undefined;
}

/** The first field of `input` that breaks its declared limits, as a typed error. */
export function validateFields(
  fields: FieldSpec[],
  input: Record<string, unknown>,
): CanisterError | undefined {
  for (const field of fields) {
    const raw = input[field.name];
    if (field.optional) {
      if (!Array.isArray(raw) || raw.length > 1) {
        return new CanisterError('INPUT_INVALID', `${field.name} must be an opt value`, {
          where: field.name,
        });
      }
      if (raw.length === 0) continue;
    }
    const problem = checkValue(field, field.optional ? (raw as unknown[])[0] : raw);
    if (problem !== undefined) return problem;
  }
  return undefined;
}
