import type { ConfigError } from './config-errors.ts';
import type { YamlSource } from './yaml-source.ts';

const IDENTIFIER = /^[a-z][a-z0-9_]*$/;
/** Field names the generated CRUD endpoints add to every record. */
const RESERVED_FIELDS = ['id', 'owner', 'created_at', 'updated_at'];
const NUMERIC = ['nat', 'nat64', 'int', 'int64', 'float64'];
const SIZED = ['text', 'blob'];

interface RawField {
  type?: string;
  maxLength?: number;
  min?: number;
  max?: number;
}

/** Checks the schema cannot express: identifiers, field settings that fit the type, indexes. */
export function collectionErrors(collections: unknown, source: YamlSource): ConfigError[] {
  if (!isMap(collections)) return [];
  const errors: ConfigError[] = [];
  for (const [name, collection] of Object.entries(collections)) {
    const at = ['collections', name];
    if (!IDENTIFIER.test(name)) {
      errors.push(
        source.errorAt(
          at,
          'CONFIG_INVALID_VALUE',
          `collection names must look like "tasks" (a-z, 0-9, _); got "${name}"`,
          'key',
        ),
      );
    }
    if (!isMap(collection) || !isMap(collection.fields)) continue;
    for (const [fieldName, field] of Object.entries(collection.fields)) {
      errors.push(
        ...fieldErrors([...at, 'fields', fieldName], fieldName, field as RawField, source),
      );
    }
    errors.push(...indexErrors(at, collection.indexes, Object.keys(collection.fields), source));
  }
  return errors;
}

function fieldErrors(
  at: string[],
  name: string,
  field: RawField,
  source: YamlSource,
): ConfigError[] {
  const errors: ConfigError[] = [];
  const path = at.join('.');
  if (!IDENTIFIER.test(name)) {
    errors.push(
      source.errorAt(
        at,
        'CONFIG_INVALID_VALUE',
        `field names must look like "due_date" (a-z, 0-9, _); got "${name}"`,
        'key',
      ),
    );
  }
  if (RESERVED_FIELDS.includes(name)) {
    errors.push(
      source.errorAt(
        at,
        'CONFIG_INVALID_FIELD',
        `${path} must not use a name the CRUD endpoints add (${RESERVED_FIELDS.join(', ')}); got "${name}"`,
        'key',
      ),
    );
  }
  if (!isMap(field) || typeof field.type !== 'string') return errors;
  if (field.maxLength !== undefined && !SIZED.includes(field.type)) {
    errors.push(
      source.errorAt(
        [...at, 'maxLength'],
        'CONFIG_INVALID_FIELD',
        `${path}.maxLength applies to text or blob; got type ${field.type}`,
        'key',
      ),
    );
  }
  for (const bound of ['min', 'max'] as const) {
    if (field[bound] !== undefined && !NUMERIC.includes(field.type)) {
      errors.push(
        source.errorAt(
          [...at, bound],
          'CONFIG_INVALID_FIELD',
          `${path}.${bound} applies to ${NUMERIC.join(', ')}; got type ${field.type}`,
          'key',
        ),
      );
    }
  }
  if (typeof field.min === 'number' && typeof field.max === 'number' && field.min > field.max) {
    errors.push(
      source.errorAt(
        [...at, 'max'],
        'CONFIG_INVALID_FIELD',
        `${path}.max must be at least min (${field.min}); got ${field.max}`,
      ),
    );
  }
  return errors;
}

function indexErrors(
  at: string[],
  indexes: unknown,
  fields: string[],
  source: YamlSource,
): ConfigError[] {
  if (!Array.isArray(indexes)) return [];
  const errors: ConfigError[] = [];
  indexes.forEach((index: unknown, position) => {
    if (typeof index !== 'string') return;
    const path = [...at, 'indexes', position];
    if (!fields.includes(index)) {
      errors.push(
        source.errorAt(
          path,
          'CONFIG_UNKNOWN_INDEX_FIELD',
          `${at.join('.')}.indexes must name fields of the collection (${fields.join(', ')}); got "${index}"`,
        ),
      );
    }
    if (indexes.indexOf(index) !== position) {
      errors.push(
        source.errorAt(
          path,
          'CONFIG_DUPLICATE_NAME',
          `${at.join('.')}.indexes must name each field once; got "${index}" again`,
        ),
      );
    }
  });
  return errors;
}

export function isMap(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
