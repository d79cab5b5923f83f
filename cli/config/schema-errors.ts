import type { ErrorObject, ValidateFunction } from 'ajv';

import { describeValue, type ConfigError } from './config-errors.ts';
import type { YamlSource } from './yaml-source.ts';

type Segment = string | number;

/**
 * Validates `value` with a compiled ajv function and turns every ajv error into a
 * positioned ConfigError. `basePath` is where `value` sits inside the YAML file
 * (e.g. ['plugins', 'backup'] for a plugin's options); `code` overrides the code
 * (plugin options all report CONFIG_INVALID_OPTION).
 */
export function schemaErrors(
  validate: ValidateFunction,
  value: unknown,
  source: YamlSource,
  basePath: Segment[] = [],
  code?: 'CONFIG_INVALID_OPTION',
): ConfigError[] {
  if (validate(value)) return [];
  const raw = (validate.errors ?? []).filter(
    (error) => !isCombinatorNoise(error, validate.errors ?? []),
  );
  return raw.map((error) => toConfigError(error, source, basePath, code));
}

function toConfigError(
  error: ErrorObject,
  source: YamlSource,
  basePath: Segment[],
  code: 'CONFIG_INVALID_OPTION' | undefined,
): ConfigError {
  const path = [...basePath, ...pointerSegments(error.instancePath)];
  const shown = (segments: Segment[]) => (segments.length === 0 ? 'the file' : segments.join('.'));
  const found = describeValue(error.data);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object })?.properties ?? {});
      const expected = known.length > 0 ? `one of ${known.join(', ')}` : 'no keys';
      return source.errorAt(
        [...path, key],
        code ?? 'CONFIG_UNKNOWN_KEY',
        `${shown(path)} expects ${expected}; got unknown key "${key}"`,
        'key',
      );
    }
    case 'required': {
      const key = String(params.missingProperty);
      return source.errorAt(
        path,
        code ?? 'CONFIG_MISSING_KEY',
        `${shown(path)} must have the key "${key}"; got ${describeKeys(error.data)}`,
        'key',
      );
    }
    case 'type':
      return source.errorAt(
        path,
        code ?? 'CONFIG_WRONG_TYPE',
        `${shown(path)} must be ${article(String(params.type))}; got ${found}`,
      );
    case 'enum':
      return source.errorAt(
        path,
        code ?? 'CONFIG_INVALID_VALUE',
        `${shown(path)} must be one of ${(params.allowedValues as unknown[]).map(describeValue).join(' | ')}; got ${found}`,
      );
    case 'pattern':
      return source.errorAt(
        path,
        code ?? 'CONFIG_INVALID_VALUE',
        `${shown(path)} must ${patternExpectation(error)}; got ${found}`,
      );
    case 'minProperties':
      return source.errorAt(
        path,
        code ?? 'CONFIG_INVALID_VALUE',
        `${shown(path)} must have at least ${String(params.limit)} key(s); got ${found}`,
      );
    default:
      return source.errorAt(
        path,
        code ?? 'CONFIG_INVALID_VALUE',
        `${shown(path)} ${error.message ?? 'is invalid'}; got ${found}`,
      );
  }
}

/** A schema may show what a valid value looks like with the standard `examples` annotation. */
function patternExpectation(error: ErrorObject): string {
  const examples = (error.parentSchema as { examples?: unknown[] } | undefined)?.examples;
  if (Array.isArray(examples) && examples.length > 0) {
    return `look like ${examples.map(describeValue).join(' or ')}`;
  }
  return `match /${String((error.params as { pattern: string }).pattern)}/`;
}

/** oneOf/anyOf/if failures only repeat what their branches already said. */
function isCombinatorNoise(error: ErrorObject, all: ErrorObject[]): boolean {
  if (!['oneOf', 'anyOf', 'if', 'not'].includes(error.keyword)) return false;
  return all.some((other) => other !== error && other.instancePath.startsWith(error.instancePath));
}

function pointerSegments(pointer: string): Segment[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describeKeys(data: unknown): string {
  if (data === null || typeof data !== 'object') return describeValue(data);
  const keys = Object.keys(data);
  return keys.length === 0 ? 'an empty map' : `only ${keys.join(', ')}`;
}

function article(type: string): string {
  const names: Record<string, string> = {
    object: 'a map',
    array: 'a list',
    string: 'a string',
    integer: 'an integer',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  return type
    .split(',')
    .map((name) => names[name] ?? name)
    .join(' or ');
}
