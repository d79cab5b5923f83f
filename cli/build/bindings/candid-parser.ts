import { PRIMITIVES, type CandidField, type CandidFunc, type CandidMethod, type CandidProgram, type CandidType } from './candid-ast.ts';
import { lexCandid, type Token } from './candid-lexer.ts';

/** Parses the text of a .did file (types, imports refused, one service). Throws with line:col on bad input. */
export function parseCandid(text: string): CandidProgram {
  return new CandidParser(lexCandid(text)).program();
}

class CandidParser {
  private position = 0;

  constructor(private readonly tokens: Token[]) {}

  program(): CandidProgram {
    const program: CandidProgram = { types: [], initArgs: [] };
    while (this.peek().kind !== 'end') {
      const keyword = this.expectId();
      if (keyword === 'type') {
        const name = this.name();
        this.expect('=');
        program.types.push({ name, type: this.dataType() });
      } else if (keyword === 'service') {
        if (this.peek().value !== ':') this.name();
        this.expect(':');
        if (this.peek().value === '(') {
          program.initArgs = this.tuple();
          this.expect('->');
        }
        program.service = this.peek().value === '{' ? { kind: 'service', methods: this.methods() } : this.dataType();
      } else {
        this.fail(`expected "type" or "service"; got "${keyword}"`);
      }
      this.accept(';');
    }
    return program;
  }

  private dataType(): CandidType {
    const word = this.expectId();
    switch (word) {
      case 'opt':
        return { kind: 'opt', inner: this.dataType() };
      case 'vec':
        return { kind: 'vec', inner: this.dataType() };
      case 'blob':
        return { kind: 'vec', inner: { kind: 'prim', name: 'nat8' } };
      case 'record':
        return { kind: 'record', fields: this.fields(true) };
      case 'variant':
        return { kind: 'variant', fields: this.fields(false) };
      case 'func':
        return { kind: 'func', func: this.funcType() };
      case 'service':
        return { kind: 'service', methods: this.methods() };
      default:
        return PRIMITIVES.includes(word) ? { kind: 'prim', name: word } : { kind: 'ref', name: word };
    }
  }

  private fields(isRecord: boolean): CandidField[] {
    this.expect('{');
    const fields: CandidField[] = [];
    let nextPosition = 0;
    while (!this.accept('}')) {
      const next = this.tokens[this.position + 1]!;
      if (next.value === ':') {
        const token = this.take();
        const label = token.kind === 'number' ? Number(token.value) : token.value;
        this.expect(':');
        fields.push({ label, type: this.dataType() });
        if (typeof label === 'number') nextPosition = label + 1;
      } else if (isRecord) {
        fields.push({ label: nextPosition, type: this.dataType() });
        nextPosition += 1;
      } else {
        const token = this.take();
        fields.push({ label: token.kind === 'number' ? Number(token.value) : token.value, type: { kind: 'prim', name: 'null' } });
      }
      if (!this.accept(';')) {
        this.expect('}');
        break;
      }
    }
    return fields;
  }

  private funcType(): CandidFunc {
    const args = this.tuple();
    this.expect('->');
    const results = this.tuple();
    const annotations: string[] = [];
    while (['query', 'composite_query', 'oneway'].includes(this.peek().value)) annotations.push(this.take().value);
    return { args, results, annotations };
  }

  private tuple(): CandidType[] {
    this.expect('(');
    const types: CandidType[] = [];
    while (!this.accept(')')) {
      if (this.tokens[this.position + 1]!.value === ':' && this.peek().kind !== 'punct') {
        this.take();
        this.expect(':');
      }
      types.push(this.dataType());
      if (!this.accept(',')) {
        this.expect(')');
        break;
      }
    }
    return types;
  }

  private methods(): CandidMethod[] {
    this.expect('{');
    const methods: CandidMethod[] = [];
    while (!this.accept('}')) {
      const name = this.name();
      this.expect(':');
      const type: CandidType = this.peek().value === '(' ? { kind: 'func', func: this.funcType() } : this.dataType();
      methods.push({ name, type });
      if (!this.accept(';')) {
        this.expect('}');
        break;
      }
    }
    return methods;
  }

  private name(): string {
    const token = this.take();
    if (token.kind !== 'id' && token.kind !== 'text') this.fail(`expected a name; got "${token.value}"`, token);
    return token.value;
  }

  private expectId(): string {
    const token = this.take();
    if (token.kind !== 'id') this.fail(`expected a word; got "${token.value}"`, token);
    return token.value;
  }

  private expect(symbol: string): void {
    const token = this.take();
    if (token.value !== symbol || token.kind !== 'punct') this.fail(`expected "${symbol}"; got "${token.value}"`, token);
  }

  private accept(symbol: string): boolean {
    if (this.peek().kind === 'punct' && this.peek().value === symbol) {
      this.position += 1;
      return true;
    }
    return false;
  }

  private peek(): Token {
    return this.tokens[this.position]!;
  }

  private take(): Token {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'end') this.position += 1;
    return token;
  }

  private fail(message: string, token: Token = this.peek()): never {
    throw new Error(`${token.line}:${token.col}: ${message}`);
  }
}
