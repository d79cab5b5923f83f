export interface Token {
  kind: 'id' | 'text' | 'number' | 'punct' | 'end';
  value: string;
  /** 1-based position in the .did file, for messages. */
  line: number;
  col: number;
}

const PUNCTUATION = ['->', '(', ')', '{', '}', ':', ';', ',', '='];

/** Splits Candid text into tokens, skipping whitespace and comments. */
export function lexCandid(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let line = 1;
  let lineStart = 0;
  const advance = (count: number) => {
    for (let step = 0; step < count; step += 1) {
      if (text[index] === '\n') {
        line += 1;
        lineStart = index + 1;
      }
      index += 1;
    }
  };
  while (index < text.length) {
    const rest = text.slice(index);
    const space = /^\s+/.exec(rest) ?? /^\/\/[^\n]*/.exec(rest) ?? /^\/\*[\s\S]*?\*\//.exec(rest);
    if (space !== null) {
      advance(space[0].length);
      continue;
    }
    const at = { line, col: index - lineStart + 1 };
    const punct = PUNCTUATION.find((symbol) => rest.startsWith(symbol));
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    const number = /^(0x[0-9a-fA-F_]+|[0-9][0-9_]*)/.exec(rest);
    const quoted = /^"((?:[^"\\]|\\.)*)"/.exec(rest);
    if (punct !== undefined) {
      tokens.push({ kind: 'punct', value: punct, ...at });
      advance(punct.length);
    } else if (word !== null) {
      tokens.push({ kind: 'id', value: word[0], ...at });
      advance(word[0].length);
    } else if (number !== null) {
      tokens.push({ kind: 'number', value: String(Number(number[0].replace(/_/g, ''))), ...at });
      advance(number[0].length);
    } else if (quoted !== null) {
      tokens.push({ kind: 'text', value: JSON.parse(`"${quoted[1]}"`) as string, ...at });
      advance(quoted[0].length);
    } else {
      throw new Error(`${at.line}:${at.col}: unexpected character ${JSON.stringify(rest[0])} in Candid`);
    }
  }
  tokens.push({ kind: 'end', value: '', line, col: index - lineStart + 1 });
  return tokens;
}
