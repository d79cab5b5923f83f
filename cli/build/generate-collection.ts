import type { CollectionConfig, FieldConfig, FieldType } from '../config/canister-config.ts';
import { tsLiteral } from './generate-literal.ts';
import { generatedHeader, pascalCase, snakeCase } from './generate-names.ts';

const IDL_OF: Record<FieldType, string> = {
  text: 'IDL.Text',
  nat: 'IDL.Nat',
  nat64: 'IDL.Nat64',
  int: 'IDL.Int',
  int64: 'IDL.Int64',
  float64: 'IDL.Float64',
  bool: 'IDL.Bool',
  principal: 'IDL.Principal',
  blob: 'IDL.Vec(IDL.Nat8)',
};

const TS_OF: Record<FieldType, string> = {
  text: 'string',
  nat: 'bigint',
  nat64: 'bigint',
  int: 'bigint',
  int64: 'bigint',
  float64: 'number',
  bool: 'boolean',
  principal: 'Principal',
  blob: 'Uint8Array',
};

function idlField(field: FieldConfig): string {
  return field.optional ? `IDL.Opt(${IDL_OF[field.type]})` : IDL_OF[field.type];
}

function tsField(field: FieldConfig): string {
  return field.optional ? `[] | [${TS_OF[field.type]}]` : TS_OF[field.type];
}

function specLiteral(collection: CollectionConfig): string {
  const fields = collection.fields.map((field) => `    ${tsLiteral(field, '    ')},`).join('\n');
  const maxPerOwner =
    collection.maxPerOwner === undefined ? '' : `\n  maxPerOwner: ${collection.maxPerOwner},`;
  const indexes = collection.indexes.map((name) => `'${name}'`).join(', ');
  return `{
  name: '${collection.name}',
  visibility: '${collection.visibility}',${maxPerOwner}
  indexes: [${indexes}],
  fields: [
${fields}
  ],
}`;
}

export interface GeneratedCollection {
  path: string;
  contents: string;
  /** Exported names the entry imports. */
  specName: string;
  className: string;
}

/**
 * Writes one readable TypeScript module per collection: its record and
 * input types (TypeScript and Candid), its spec, and an endpoint class with
 * authenticated CRUD, owner listing and one listing per index.
 */
export function generateCollection(
  collection: CollectionConfig,
  sourceFile: string,
  coreImport: string,
): GeneratedCollection {
  const type = pascalCase(collection.name);
  const method = snakeCase(collection.name);
  const specName = `${camel(type)}Collection`;
  const className = `${type}Endpoints`;
  const read = collection.visibility === 'public' ? 'public' : 'user';
  const fieldLines = (render: (field: FieldConfig) => string, indent: string) =>
    collection.fields.map((field) => `${indent}${field.name}: ${render(field)};`).join('\n');
  const idlLines = collection.fields.map((field) => `  ${field.name}: ${idlField(field)},`).join('\n');

  const byIndex = collection.indexes.map((name) => {
    const field = collection.fields.find((f) => f.name === name);
    if (field === undefined) throw new Error(`collection ${collection.name}: index '${name}' names no field`);
    return `
  /** ${collection.visibility === 'public' ? 'Every' : "The caller's"} ${collection.name} records whose ${name} equals \`value\`, paged. */
  @query([${IDL_OF[field.type]}, IDL.Opt(IDL.Nat64), IDL.Opt(IDL.Nat32)], Result(${type}Page))
  @allow('${read}')
  list_${method}_by_${snakeCase(name)}(value: ${TS_OF[field.type]}, cursor: [] | [bigint], limit: [] | [number]): Page<${type}> {
    return this.records.listBy(caller(), '${name}', value, cursor, limit);
  }`;
  });

  const listPublic =
    collection.visibility !== 'public'
      ? ''
      : `
  /** Every ${collection.name} record, oldest first, paged; open to anonymous callers. */
  @query([IDL.Opt(IDL.Nat64), IDL.Opt(IDL.Nat32)], Result(${type}Page))
  @allow('public')
  list_${method}_public(cursor: [] | [bigint], limit: [] | [number]): Page<${type}> {
    return this.records.listPublic(cursor, limit);
  }
`;

  const contents = `${generatedHeader(sourceFile)}
// Collection '${collection.name}' (${collection.visibility}): authenticated CRUD endpoints.
import {
  allow,
  caller,
  type CollectionSpec,
  collectionToken,
  IDL,
  inject,
  type Page,
  type Principal,
  query,
  Result,
  update,
} from '${coreImport}';

export interface ${type} {
  id: bigint;
  owner: Principal;
  created_at: bigint;
  updated_at: bigint;
${fieldLines(tsField, '  ')}
}

export interface ${type}Input {
${fieldLines(tsField, '  ')}
}

export const ${type}Record = IDL.Record({
  id: IDL.Nat64,
  owner: IDL.Principal,
  created_at: IDL.Nat64,
  updated_at: IDL.Nat64,
${idlLines}
});

export const ${type}InputRecord = IDL.Record({
${idlLines}
});

export const ${type}Page = IDL.Record({ items: IDL.Vec(${type}Record), next: IDL.Opt(IDL.Nat64) });

export const ${specName}: CollectionSpec = ${specLiteral(collection)};

const ${constName(collection.name)} = collectionToken<${type}, ${type}Input>('${collection.name}');

export class ${className} {
  private readonly records = inject(${constName(collection.name)});

  /** Creates a record owned by the caller. */
  @update([${type}InputRecord], Result(${type}Record))
  @allow('user')
  create_${method}(input: ${type}Input): ${type} {
    return this.records.create(caller(), input);
  }

  /** One record by id${collection.visibility === 'public' ? '' : ' (its owner only)'}. */
  @query([IDL.Nat64], Result(${type}Record))
  @allow('${read}')
  get_${method}(id: bigint): ${type} {
    return this.records.get(caller(), id);
  }

  /** Replaces the fields of a record the caller owns. */
  @update([IDL.Nat64, ${type}InputRecord], Result(${type}Record))
  @allow('owner')
  update_${method}(id: bigint, input: ${type}Input): ${type} {
    return this.records.update(caller(), id, input);
  }

  /** Deletes a record the caller owns and returns it. */
  @update([IDL.Nat64], Result(${type}Record))
  @allow('owner')
  delete_${method}(id: bigint): ${type} {
    return this.records.delete(caller(), id);
  }

  /** The caller's records, oldest first, paged. */
  @query([IDL.Opt(IDL.Nat64), IDL.Opt(IDL.Nat32)], Result(${type}Page))
  @allow('user')
  list_${method}_mine(cursor: [] | [bigint], limit: [] | [number]): Page<${type}> {
    return this.records.listMine(caller(), cursor, limit);
  }
${listPublic}${byIndex.join('\n')}
}
`;
  return { path: `${collection.name}-collection.ts`, contents, specName, className };
}

function camel(type: string): string {
  return type.charAt(0).toLowerCase() + type.slice(1);
}

function constName(name: string): string {
  return `${snakeCase(name).toUpperCase()}_RECORDS`;
}
