import { readFile } from 'node:fs/promises';
import { Ajv, type ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

const draft07 = new Ajv({ allErrors: true, verbose: true, strict: true });
const draft2020 = new Ajv2020({ allErrors: true, verbose: true, strict: true });
const compiled = new Map<string, ValidateFunction>();

/**
 * Compiles a JSON Schema (draft-07 by default, 2020-12 when its `$schema` says so).
 * `$id` is dropped so two files that share one (fixtures, copies) do not collide. Throws on an invalid schema.
 */
export function compileSchema(schema: object): ValidateFunction {
  const { $id: _ignored, ...anonymous } = schema as { $id?: string; $schema?: string };
  const dialect = anonymous.$schema ?? '';
  return (dialect.includes('2020-12') ? draft2020 : draft07).compile(anonymous);
}

/** Compiles a schema file once per process. */
export async function compileSchemaFile(path: string): Promise<ValidateFunction> {
  const known = compiled.get(path);
  if (known !== undefined) return known;
  const validate = compileSchema(JSON.parse(await readFile(path, 'utf8')) as object);
  compiled.set(path, validate);
  return validate;
}
