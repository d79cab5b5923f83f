import type { CandidFunc, CandidProgram, CandidType } from './candid-ast.ts';
import { identifier, isTuple, labelKey, orderTypes } from './candid-names.ts';

const IDL_PRIMITIVES: Record<string, string> = {
  nat: 'Nat', nat8: 'Nat8', nat16: 'Nat16', nat32: 'Nat32', nat64: 'Nat64',
  int: 'Int', int8: 'Int8', int16: 'Int16', int32: 'Int32', int64: 'Int64',
  float32: 'Float32', float64: 'Float64', bool: 'Bool', text: 'Text', null: 'Null',
  reserved: 'Reserved', empty: 'Empty', principal: 'Principal',
};

/** JavaScript source of `idlFactory` and `init` for @dfinity/candid, from a parsed .did file. */
export function emitIdlFactory(program: CandidProgram): string {
  return [
    `export const idlFactory: IDL.InterfaceFactory = ({ IDL }) => {`,
    ...typeDeclarations(program),
    `  return ${serviceExpression(program.service)};`,
    `};`,
    ``,
    `export const init: (args: { IDL: typeof IDL }) => IDL.Type[] = ({ IDL }) => {`,
    ...(program.initArgs.length > 0 ? typeDeclarations(program) : []),
    `  return [${program.initArgs.map(expression).join(', ')}];`,
    `};`,
  ].join('\n');
}

/** The top-level service, one method a line so the generated file reads like the .did. */
function serviceExpression(service: CandidType | undefined): string {
  if (service === undefined) return 'IDL.Service({})';
  if (service.kind !== 'service') return expression(service);
  const methods = service.methods.map((method) => `    ${JSON.stringify(method.name)}: ${expression(method.type)},`);
  return ['IDL.Service({', ...methods, '  })'].join('\n');
}

function typeDeclarations(program: CandidProgram): string[] {
  const { order, recursive } = orderTypes(program);
  const byName = new Map(program.types.map((entry) => [entry.name, entry.type]));
  const lines = [...recursive].map((name) => `  const ${identifier(name)} = IDL.Rec();`);
  for (const name of order) {
    const source = expression(byName.get(name)!);
    lines.push(recursive.has(name) ? `  ${identifier(name)}.fill(${source});` : `  const ${identifier(name)} = ${source};`);
  }
  return lines;
}

function expression(type: CandidType): string {
  switch (type.kind) {
    case 'prim':
      return `IDL.${IDL_PRIMITIVES[type.name]}`;
    case 'ref':
      return identifier(type.name);
    case 'opt':
      return `IDL.Opt(${expression(type.inner)})`;
    case 'vec':
      return `IDL.Vec(${expression(type.inner)})`;
    case 'record':
      if (isTuple(type.fields)) return `IDL.Tuple(${type.fields.map((field) => expression(field.type)).join(', ')})`;
      return `IDL.Record({ ${fieldList(type.fields)} })`;
    case 'variant':
      return `IDL.Variant({ ${fieldList(type.fields)} })`;
    case 'func':
      return funcExpression(type.func);
    case 'service':
      return `IDL.Service({ ${type.methods.map((method) => `${JSON.stringify(method.name)}: ${expression(method.type)}`).join(', ')} })`;
  }
}

function fieldList(fields: { label: string | number; type: CandidType }[]): string {
  return fields.map((field) => `${JSON.stringify(labelKey(field.label))}: ${expression(field.type)}`).join(', ');
}

function funcExpression(func: CandidFunc): string {
  const list = (types: CandidType[]) => `[${types.map(expression).join(', ')}]`;
  return `IDL.Func(${list(func.args)}, ${list(func.results)}, ${JSON.stringify(func.annotations)})`;
}
