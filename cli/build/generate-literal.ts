/** Prints a JSON-like value as a TypeScript literal in the repository's style (single quotes, bare keys). */
export function tsLiteral(value: unknown, indent = ''): string {
  const oneLine = print(value, undefined);
  if (indent.length + oneLine.length <= 80) return oneLine;
  return print(value, indent);
}

function quote(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
}

function key(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? name : quote(name);
}

function print(value: unknown, indent: string | undefined): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const inner = indent === undefined ? undefined : `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((item) => print(item, inner));
    return inner === undefined
      ? `[${items.join(', ')}]`
      : `[\n${items.map((item) => `${inner}${item},`).join('\n')}\n${indent}]`;
  }
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  if (entries.length === 0) return '{}';
  const parts = entries.map(([name, item]) => `${key(name)}: ${print(item, inner)}`);
  return inner === undefined
    ? `{ ${parts.join(', ')} }`
    : `{\n${parts.map((part) => `${inner}${part},`).join('\n')}\n${indent}}`;
}
