/**
 * Content lines (RFC 5545 §3.1): folding at 75 octets without splitting a UTF-8 sequence, unfolding
 * of bytes before decoding, and parsing `NAME;PARAM=a,"b:c":value`.
 */
import { codePointByteLength, decodeUtf8 } from '../utf8.ts';
import type { ImportWarning } from './import-warnings.ts';

export const FOLD_OCTETS = 75;

/** Folds one logical line: every physical line (including the leading space) is at most 75 octets. */
export function foldLine(line: string): string {
  const pieces: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = codePointByteLength(char.codePointAt(0)!);
    if (octets + size > FOLD_OCTETS) {
      pieces.push(current);
      current = ' ';
      octets = 1;
    }
    current += char;
    octets += size;
  }
  pieces.push(current);
  return pieces.join('\r\n');
}

export interface ContentLine {
  name: string;
  params: Record<string, string[]>;
  value: string;
  /** 1-based physical line where the logical line starts */
  line: number;
}

export interface LogicalLine {
  text: string;
  line: number;
}

/**
 * Unfolds CRLF/LF followed by a space or tab. Bytes are unfolded before UTF-8 decoding; invalid
 * UTF-8 becomes U+FFFD and is reported once per logical line. A leading byte-order mark is dropped.
 */
export function unfoldLines(input: string | Uint8Array, warnings?: ImportWarning[]): LogicalLine[] {
  const text = (typeof input === 'string' ? input : decodeBytes(input, warnings)).replace(
    /^\uFEFF/,
    '',
  );
  const physical = text.split(/\r\n|\n|\r/);
  const logical: LogicalLine[] = [];
  physical.forEach((line, index) => {
    if ((line.startsWith(' ') || line.startsWith('\t')) && logical.length > 0) {
      logical[logical.length - 1]!.text += line.slice(1);
    } else if (line !== '') {
      logical.push({ text: line, line: index + 1 });
    }
  });
  return logical;
}

function decodeBytes(input: Uint8Array, warnings: ImportWarning[] | undefined): string {
  const bytes = unfoldBytes(input);
  const badLines = new Map<number, number>();
  let line = 1;
  let scanned = 0;
  const text = decodeUtf8(bytes, (index) => {
    // unfoldBytes keeps every line break, so counting them gives the logical line's first line
    for (; scanned < index; scanned++) if (bytes[scanned] === 0x0a) line++;
    badLines.set(line, (badLines.get(line) ?? 0) + 1);
  });
  for (const [at, count] of badLines)
    warnings?.push({
      line: at,
      code: 'UTF8_INVALID',
      message: `${count} invalid UTF-8 byte${count === 1 ? '' : 's'} replaced by U+FFFD`,
    });
  return text;
}

function unfoldBytes(bytes: Uint8Array): Uint8Array {
  // keeps the newlines that start a fold as they are (so line numbers survive) but joins the octets
  const out: number[] = [];
  let pendingNewlines = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    const isFold =
      (b === 0x0d && bytes[i + 1] === 0x0a && (bytes[i + 2] === 0x20 || bytes[i + 2] === 0x09)) ||
      (b === 0x0a && bytes[i - 1] !== 0x0d && (bytes[i + 1] === 0x20 || bytes[i + 1] === 0x09));
    if (isFold) {
      i += b === 0x0d ? 2 : 1;
      pendingNewlines++;
      continue;
    }
    if (pendingNewlines > 0 && (b === 0x0d || b === 0x0a)) {
      // re-insert the swallowed line breaks as empty lines at the end of the logical line
      for (; pendingNewlines > 0; pendingNewlines--) out.push(0x0a);
    }
    out.push(b);
  }
  return Uint8Array.from(out);
}

const NAME_PATTERN = /^[A-Za-z0-9-]+$/;

/** Parses one logical line; returns an error message instead when it is not a content line. */
export function parseContentLine(
  logical: LogicalLine,
): ContentLine | { error: string; line: number } {
  const text = logical.text;
  let i = 0;
  const readName = (): string => {
    const start = i;
    while (i < text.length && text[i] !== ';' && text[i] !== ':' && text[i] !== '=') i++;
    return text.slice(start, i);
  };
  const name = readName();
  if (!NAME_PATTERN.test(name))
    return { error: `expected a property name, found "${text.slice(0, 30)}"`, line: logical.line };
  const params: Record<string, string[]> = {};
  while (text[i] === ';') {
    i++;
    const paramName = readName();
    if (!NAME_PATTERN.test(paramName) || text[i] !== '=') {
      return { error: `malformed parameter in ${name}`, line: logical.line };
    }
    i++;
    const values: string[] = [];
    for (;;) {
      if (text[i] === '"') {
        const close = text.indexOf('"', i + 1);
        if (close < 0)
          return { error: `unterminated quoted parameter value in ${name}`, line: logical.line };
        values.push(text.slice(i + 1, close));
        i = close + 1;
      } else {
        const start = i;
        while (i < text.length && text[i] !== ',' && text[i] !== ';' && text[i] !== ':') i++;
        values.push(text.slice(start, i));
      }
      if (text[i] === ',') i++;
      else break;
    }
    params[paramName.toUpperCase()] = values;
  }
  if (text[i] !== ':') return { error: `expected ":" after ${name}`, line: logical.line };
  return { name: name.toUpperCase(), params, value: text.slice(i + 1), line: logical.line };
}

/** Formats `NAME;PARAM=value:value`, quoting parameter values that contain `:`, `;` or `,`. */
export function formatContentLine(
  name: string,
  value: string,
  params: Record<string, string> = {},
): string {
  let line = name;
  for (const [param, paramValue] of Object.entries(params)) {
    const safe = paramValue.replace(/"/g, "'");
    line += `;${param}=${/[:;,]/.test(safe) ? `"${safe}"` : safe}`;
  }
  return foldLine(`${line}:${value}`);
}
