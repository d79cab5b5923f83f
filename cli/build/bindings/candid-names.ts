import type { CandidProgram, CandidType } from './candid-ast.ts';

const RESERVED = new Set([
  'IDL', 'Principal', 'ActorMethod', 'idlFactory', 'init', 'break', 'case', 'catch', 'class', 'const', 'continue',
  'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends', 'false', 'finally', 'for',
  'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'let', 'static', 'yield', 'await',
]);

/** A JavaScript identifier for a Candid type name. */
export function identifier(name: string): string {
  const safe = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : name.replace(/[^A-Za-z0-9_$]/g, '_');
  return RESERVED.has(safe) ? `_${safe}` : safe;
}

/** A record or variant key as @dfinity/candid names it: numeric labels become `_N_`. */
export function labelKey(label: string | number): string {
  return typeof label === 'number' ? `_${label}_` : label;
}

/** True when a record's fields are exactly 0, 1, 2, … (a tuple). */
export function isTuple(fields: { label: string | number }[]): boolean {
  return fields.length > 0 && fields.every((field, index) => field.label === index);
}

/**
 * Named types in an order where each comes after the types it uses, and the set of
 * names that take part in a cycle (they are declared with IDL.Rec and filled later).
 */
export function orderTypes(program: CandidProgram): { order: string[]; recursive: Set<string> } {
  const byName = new Map(program.types.map((entry) => [entry.name, entry.type]));
  const order: string[] = [];
  const recursive = new Set<string>();
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      recursive.add(name);
      return;
    }
    state.set(name, 'visiting');
    const type = byName.get(name);
    if (type !== undefined) references(type).forEach(visit);
    state.set(name, 'done');
    order.push(name);
  };
  program.types.forEach((entry) => visit(entry.name));
  return { order, recursive };
}

function references(type: CandidType): string[] {
  switch (type.kind) {
    case 'ref':
      return [type.name];
    case 'opt':
    case 'vec':
      return references(type.inner);
    case 'record':
    case 'variant':
      return type.fields.flatMap((field) => references(field.type));
    case 'func':
      return [...type.func.args, ...type.func.results].flatMap(references);
    case 'service':
      return type.methods.flatMap((method) => references(method.type));
    default:
      return [];
  }
}
