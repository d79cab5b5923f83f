import type { CandidFunc, CandidProgram, CandidType } from './candid-ast.ts';
import { identifier, isTuple, labelKey } from './candid-names.ts';

const TS_PRIMITIVES: Record<string, string> = {
  nat: 'bigint', nat64: 'bigint', int: 'bigint', int64: 'bigint',
  nat8: 'number', nat16: 'number', nat32: 'number', int8: 'number', int16: 'number', int32: 'number',
  float32: 'number', float64: 'number', bool: 'boolean', text: 'string', null: 'null',
  reserved: 'unknown', empty: 'never', principal: 'Principal',
};

/** TypeScript types for the values @dfinity/candid encodes and decodes, plus the `_SERVICE` interface. */
export function emitTypes(program: CandidProgram): string {
  const lines = program.types.map((entry) => `export type ${identifier(entry.name)} = ${typeText(entry.type)};`);
  const service = program.service;
  if (service?.kind === 'service') {
    lines.push(`export interface _SERVICE {`);
    for (const method of service.methods) {
      const text = method.type.kind === 'func' ? actorMethod(method.type.func) : typeText(method.type);
      lines.push(`  ${JSON.stringify(method.name)}: ${text};`);
    }
    lines.push(`}`);
  } else {
    // A service given by name (or none): the actor has no statically known methods here.
    lines.push(`export type _SERVICE = Record<string, ActorMethod>;`);
  }
  return lines.join('\n');
}

function typeText(type: CandidType): string {
  switch (type.kind) {
    case 'prim':
      return TS_PRIMITIVES[type.name]!;
    case 'ref':
      return identifier(type.name);
    case 'opt':
      return `[] | [${typeText(type.inner)}]`;
    case 'vec':
      if (type.inner.kind === 'prim' && type.inner.name === 'nat8') return 'Uint8Array | number[]';
      return `Array<${typeText(type.inner)}>`;
    case 'record':
      if (isTuple(type.fields)) return `[${type.fields.map((field) => typeText(field.type)).join(', ')}]`;
      return `{ ${type.fields.map((field) => `${JSON.stringify(labelKey(field.label))}: ${typeText(field.type)}`).join('; ')} }`;
    case 'variant':
      if (type.fields.length === 0) return 'never';
      return type.fields.map((field) => `{ ${JSON.stringify(labelKey(field.label))}: ${typeText(field.type)} }`).join(' | ');
    case 'func':
      return '[Principal, string]';
    case 'service':
      return 'Principal';
  }
}

function actorMethod(func: CandidFunc): string {
  const result =
    func.results.length === 0 ? 'undefined' : func.results.length === 1 ? typeText(func.results[0]!) : `[${func.results.map(typeText).join(', ')}]`;
  return `ActorMethod<[${func.args.map(typeText).join(', ')}], ${result}>`;
}
