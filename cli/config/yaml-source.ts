import { readFile } from 'node:fs/promises';
import { isMap, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';

import type { ConfigError, ConfigErrorCode } from './config-errors.ts';

/** A parsed YAML file that can point at any of its nodes by path. */
export interface YamlSource {
  /** Path shown in messages. */
  file: string;
  /** Plain JavaScript value of the document (undefined when the file is empty). */
  value: unknown;
  /** Errors found while reading or parsing (empty when the YAML is well formed). */
  errors: ConfigError[];
  /** Builds an error positioned at the node at `path` (the nearest existing ancestor when absent). */
  errorAt(
    path: readonly (string | number)[],
    code: ConfigErrorCode,
    message: string,
    on?: 'key' | 'value',
  ): ConfigError;
}

/** Reads and parses a YAML file; never throws for a missing file or bad syntax (those become errors). */
export async function readYamlSource(absolutePath: string, shownPath: string): Promise<YamlSource> {
  let text: string;
  try {
    text = await readFile(absolutePath, 'utf8');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    const error: ConfigError = {
      code: 'CONFIG_FILE_UNREADABLE',
      file: shownPath,
      line: 1,
      col: 1,
      path: '',
      message: `expected a readable YAML file; got ${reason}`,
    };
    return { file: shownPath, value: undefined, errors: [error], errorAt: () => error };
  }
  return parseYamlSource(text, shownPath);
}

export function parseYamlSource(text: string, shownPath: string): YamlSource {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const errors: ConfigError[] = doc.errors.map((problem) => {
    const offset = problem.pos[0];
    const { line, col } = lineCounter.linePos(offset);
    const duplicate = problem.code === 'DUPLICATE_KEY';
    return {
      code: duplicate ? 'CONFIG_DUPLICATE_KEY' : 'CONFIG_YAML_SYNTAX',
      file: shownPath,
      line,
      col,
      path: '',
      message: duplicate
        ? 'expected each key once in a map; got a key that is already used above'
        : `expected valid YAML; got ${firstLine(problem.message)}`,
    };
  });
  const value = errors.length === 0 ? doc.toJS() : undefined;

  function errorAt(
    path: readonly (string | number)[],
    code: ConfigErrorCode,
    message: string,
    on: 'key' | 'value' = 'value',
  ): ConfigError {
    const offset = offsetOf(doc, path, on);
    const { line, col } = lineCounter.linePos(offset);
    return { code, file: shownPath, line, col, path: path.join('.'), message };
  }
  return { file: shownPath, value, errors, errorAt };
}

/** Start offset of the node at `path`, or of its key, falling back to the closest ancestor. */
function offsetOf(doc: Document, path: readonly (string | number)[], on: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(segment));
      if (pair === undefined) return offset;
      const keyNode = pair.key as Node | null;
      const valueNode = pair.value as Node | null;
      if (last && on === 'key') return keyNode?.range?.[0] ?? offset;
      offset = valueNode?.range?.[0] ?? keyNode?.range?.[0] ?? offset;
      node = valueNode;
    } else if (
      (isSeq(node) && typeof segment === 'number') ||
      (isSeq(node) && /^\d+$/.test(String(segment)))
    ) {
      const item = (node as { items: unknown[] }).items[Number(segment)] as Node | undefined;
      if (item === undefined) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

function keyText(key: unknown): string {
  if (key !== null && typeof key === 'object' && 'value' in key) return String(key.value);
  return String(key);
}

function firstLine(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
