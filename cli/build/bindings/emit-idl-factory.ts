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
  const shared = sharedTypes(program);
  // Rendering the service declares its shared types.
  const service = serviceExpression(program.service, shared.expression);
  return [
    `export const idlFactory: IDL.InterfaceFactory = ({ IDL }) => {`,
    ...typeDeclarations(program),
    ...shared.lines,
    `  return ${service};`,
    `};`,
    ``,
    `export const init: (args: { IDL: typeof IDL }) => IDL.Type[] = ({ IDL }) => {`,
    ...(program.initArgs.length > 0 ? typeDeclarations(program) : []),
    `  return [${program.initArgs.map((type) => expression(type)).join(', ')}];`,
    `};`,
  ].join('\n');
}

/** The top-level service, one method a line so the generated file reads like the .did. */
function serviceExpression(service: CandidType | undefined, inner: Render): string {
  if (service === undefined) return 'IDL.Service({})';
  if (service.kind !== 'service') return expression(service);
  const methods = service.methods.map((method) => `    ${JSON.stringify(method.name)}: ${expression(method.type, inner)},`);
  return ['IDL.Service({', ...methods, '  })'].join('\n');
}

type Render = (type: CandidType) => string;

/**
 * The service's anonymous types that occur in it more than once (a .did written by Azle repeats a record
 * wherever it is used), each declared once as `_tN` before the service, inner types first. The widget ships
 * these bindings, so the repeats would cost it bytes.
 */
function sharedTypes(program: CandidProgram): { lines: string[]; expression: Render } {
  const service = program.service;
  const roots = service?.kind === 'service' ? service.methods.flatMap((method) => inner(method.type)) : [];
  // How often each composite type is written when those in `shared` are written once (inside them, once).
  const uses = (shared: Set<string>): Map<string, number> => {
    const counts = new Map<string, number>();
    const visit = (type: CandidType): void => {
      const text = isComposite(type) ? expression(type) : undefined;
      if (text !== undefined) counts.set(text, (counts.get(text) ?? 0) + 1);
      if (text === undefined || !shared.has(text) || counts.get(text) === 1) inner(type).forEach(visit);
    };
    roots.forEach(visit);
    return counts;
  };
  const repeated = (counts: Map<string, number>) =>
    new Set([...counts].filter(([, n]) => n > 1).map(([text]) => text));
  // A type repeated only inside a repeated one is written once when that one is shared: repeat until stable.
  let shared = repeated(uses(new Set()));
  for (;;) {
    const next = repeated(uses(shared));
    if (next.size === shared.size) break;
    shared = next;
  }
  const taken = new Set(program.types.map((entry) => identifier(entry.name)));
  const names = new Map<string, string>();
  const lines: string[] = [];
  const render = (type: CandidType): string => {
    const text = expression(type);
    const known = names.get(text);
    if (known !== undefined) return known;
    const rendered = expression(type, render);
    if (!shared.has(text)) return rendered;
    let name = `_t${names.size}`;
    while (taken.has(name)) name = `_${name}`;
    names.set(text, name);
    lines.push(`  const ${name} = ${rendered};`);
    return name;
  };
  return { lines, expression: render };
}

function isComposite(type: CandidType): boolean {
  return type.kind === 'opt' || type.kind === 'vec' || type.kind === 'record' || type.kind === 'variant';
}

/** The types a type is made of, one level down. */
function inner(type: CandidType): CandidType[] {
  switch (type.kind) {
    case 'opt':
    case 'vec':
      return [type.inner];
    case 'record':
    case 'variant':
      return type.fields.map((field) => field.type);
    case 'func':
      return [...type.func.args, ...type.func.results];
    case 'service':
      return type.methods.map((method) => method.type);
    default:
      return [];
  }
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

/** The IDL expression of a type; `inner` renders the types it is made of (default: this function). */
function expression(type: CandidType, inner: Render = (t) => expression(t)): string {
  switch (type.kind) {
    case 'prim':
      return `IDL.${IDL_PRIMITIVES[type.name]}`;
    case 'ref':
      return identifier(type.name);
    case 'opt':
      return `IDL.Opt(${inner(type.inner)})`;
    case 'vec':
      return `IDL.Vec(${inner(type.inner)})`;
    case 'record':
      if (isTuple(type.fields)) return `IDL.Tuple(${type.fields.map((field) => inner(field.type)).join(', ')})`;
      return `IDL.Record({ ${fieldList(type.fields, inner)} })`;
    case 'variant':
      return `IDL.Variant({ ${fieldList(type.fields, inner)} })`;
    case 'func':
      return funcExpression(type.func, inner);
    case 'service':
      return `IDL.Service({ ${type.methods.map((method) => `${JSON.stringify(method.name)}: ${inner(method.type)}`).join(', ')} })`;
  }
}

function fieldList(fields: { label: string | number; type: CandidType }[], inner: Render): string {
  return fields.map((field) => `${JSON.stringify(labelKey(field.label))}: ${inner(field.type)}`).join(', ');
}

function funcExpression(func: CandidFunc, inner: Render): string {
  const list = (types: CandidType[]) => `[${types.map(inner).join(', ')}]`;
  return `IDL.Func(${list(func.args)}, ${list(func.results)}, ${JSON.stringify(func.annotations)})`;
}
