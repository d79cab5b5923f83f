import { isMap, isScalar, parseDocument, type Document } from 'yaml';

/**
 * Lists a canister type in system.yaml's `canisters:` map by inserting one line after the
 * map's last entry, so every other line (comments, wrapping, quoting) stays byte for byte.
 * Falls back to re-printing the document only when the map is written in flow style.
 */
export function addCanisterToSystemYaml(source: string, type: string, group?: string): string {
  const document = parseDocument(source);
  const canisters = document.get('canisters', true);
  const value = group === undefined ? '{}' : `{ group: ${group} }`;
  if (isMap(canisters) && !canisters.flow && canisters.items.length > 0) {
    const last = canisters.items[canisters.items.length - 1]!;
    const indent = isScalar(last.key) && last.key.range ? columnOf(source, last.key.range[0]) : 2;
    const end = endOfLine(source, canisters.range![1]);
    const line = `${' '.repeat(indent)}${type}: ${value}\n`;
    return source.slice(0, end) + line + source.slice(end);
  }
  return reprinted(document, type, group);
}

function reprinted(document: Document, type: string, group?: string): string {
  const entry = document.createNode(group === undefined ? {} : { group });
  entry.flow = true;
  document.setIn(['canisters', type], entry);
  return document.toString({ lineWidth: 0 });
}

function columnOf(source: string, offset: number): number {
  return offset - (source.lastIndexOf('\n', offset - 1) + 1);
}

/** The offset just past the line holding `offset - 1` (the map's value ends there). */
function endOfLine(source: string, offset: number): number {
  const newline = source.indexOf('\n', Math.max(0, offset - 1));
  return newline < 0 ? source.length : newline + 1;
}
