/**
 * A bounded walk over a whole Candid message (header, type table, every argument's value,
 * extra arguments included) that decodes nothing. It proves, at a cost proportional to the
 * message's size, that the library decoder will not be driven into unbounded work: every
 * value counts one step, a vector pre-pays its length (so `vec null` claiming 2^31 elements
 * stops here at once), nesting is capped, and so are the type table and the length of a nat.
 * Returns why the message is refused, or undefined when it may be decoded.
 */
export interface ScanLimits {
  /** Values walked, skipped or claimed by vectors, in all. */
  maxSteps: number;
  maxTableEntries: number;
  /** Nesting of values (opt, vec, record, variant) and of type references. */
  maxDepth: number;
}

/** Bytes of one nat or int (2^280 and beyond are refused). */
const MAX_BIG_NUMBER_BYTES = 40;
const MAX_PRINCIPAL_BYTES = 29;

const PRIMITIVE_SIZES: Record<number, number> = {
  [-5]: 1, // nat8
  [-6]: 2,
  [-7]: 4,
  [-8]: 8,
  [-9]: 1, // int8
  [-10]: 2,
  [-11]: 4,
  [-12]: 8,
  [-13]: 4, // float32
  [-14]: 8,
};

const OPT = -18;
const VEC = -19;
const RECORD = -20;
const VARIANT = -21;
const FUNC = -22;
const SERVICE = -23;

type Entry =
  | { kind: typeof OPT | typeof VEC; of: number }
  | { kind: typeof RECORD | typeof VARIANT; fields: number[] }
  | { kind: typeof FUNC | typeof SERVICE };

class Refused extends Error {}

class Scanner {
  at = 0;
  steps = 0;
  table: Entry[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly limits: ScanLimits,
  ) {}

  step(count = 1): void {
    this.steps += count;
    if (this.steps > this.limits.maxSteps) throw new Refused('decoding would cost too much');
  }

  skip(count: number): void {
    if (count > this.bytes.length - this.at) throw new Refused('the message ends early');
    this.at += count;
  }

  byte(): number {
    if (this.at >= this.bytes.length) throw new Refused('the message ends early');
    return this.bytes[this.at++]!;
  }

  /** A LEB128 number; `signed` for SLEB128. Lengths past 2^48 are refused. */
  leb(signed = false): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.byte();
      value += (byte & 0x7f) * scale;
      scale *= 0x80;
      if (byte < 0x80) return signed && (byte & 0x40) !== 0 ? value - scale : value;
      if (scale > 2 ** 48) throw new Refused('a number in the type table is too large');
    }
  }

  typeRef(): number {
    const ref = this.leb(true);
    if (ref >= 0 ? ref >= this.limits.maxTableEntries : !isPrimitive(ref)) {
      throw new Refused(`unknown type ${ref}`);
    }
    return ref;
  }

  readTable(): void {
    const count = this.leb();
    if (count > this.limits.maxTableEntries) throw new Refused('the type table is too large');
    for (let i = 0; i < count; i++) {
      this.step();
      const kind = this.leb(true);
      if (kind === OPT || kind === VEC) this.table.push({ kind, of: this.typeRef() });
      else if (kind === RECORD || kind === VARIANT) {
        const fields: number[] = [];
        const n = this.leb();
        this.step(n);
        for (let f = 0; f < n; f++) {
          this.leb(); // field id
          fields.push(this.typeRef());
        }
        this.table.push({ kind, fields });
      } else if (kind === FUNC) {
        for (let part = 0; part < 2; part++) {
          const n = this.leb();
          this.step(n);
          for (let k = 0; k < n; k++) this.typeRef();
        }
        const annotations = this.leb();
        this.skip(annotations);
        this.table.push({ kind });
      } else if (kind === SERVICE) {
        const n = this.leb();
        this.step(n);
        for (let k = 0; k < n; k++) {
          this.skip(this.leb());
          this.typeRef();
        }
        this.table.push({ kind });
      } else throw new Refused(`unknown type constructor ${kind}`);
    }
    for (const entry of this.table) {
      const refs = 'of' in entry ? [entry.of] : 'fields' in entry ? entry.fields : [];
      for (const ref of refs) if (ref >= count) throw new Refused(`unknown type ${ref}`);
    }
  }

  value(type: number, depth: number): void {
    if (depth > this.limits.maxDepth) throw new Refused('the value is nested too deeply');
    this.step();
    if (type < 0) return this.primitive(type);
    const entry = this.table[type]!;
    switch (entry.kind) {
      case OPT: {
        const flag = this.byte();
        if (flag === 1) this.value(entry.of, depth + 1);
        else if (flag !== 0) throw new Refused('bad opt flag');
        return;
      }
      case VEC: {
        const length = this.leb();
        this.step(length);
        for (let i = 0; i < length; i++) this.value(entry.of, depth + 1);
        return;
      }
      case RECORD:
        for (const field of entry.fields) this.value(field, depth + 1);
        return;
      case VARIANT: {
        const index = this.leb();
        if (index >= entry.fields.length) throw new Refused('bad variant index');
        return this.value(entry.fields[index]!, depth + 1);
      }
      case FUNC:
        this.reference();
        this.skip(this.leb());
        return;
      case SERVICE:
        this.reference();
    }
  }

  private reference(): void {
    if (this.byte() !== 1) throw new Refused('opaque reference');
    this.principalBytes();
  }

  private principalBytes(): void {
    const length = this.leb();
    if (length > MAX_PRINCIPAL_BYTES) throw new Refused('principal too long');
    this.skip(length);
  }

  private primitive(type: number): void {
    if (type === -1 || type === -16) return; // null, reserved
    if (type === -17) throw new Refused('a value of type empty');
    if (type === -2) {
      if (this.byte() > 1) throw new Refused('bad bool');
      return;
    }
    if (type === -3 || type === -4) {
      const start = this.at;
      while (this.byte() >= 0x80) {
        if (this.at - start >= MAX_BIG_NUMBER_BYTES) throw new Refused('number too large');
      }
      return;
    }
    if (type === -15) return this.skip(this.leb());
    if (type === -24) return this.reference();
    this.skip(PRIMITIVE_SIZES[type]!);
  }
}

function isPrimitive(ref: number): boolean {
  return (ref <= -1 && ref >= -17) || ref === -24;
}

const MAGIC = [0x44, 0x49, 0x44, 0x4c];

export function scanCandid(bytes: Uint8Array, limits: ScanLimits): string | undefined {
  const scanner = new Scanner(bytes, limits);
  try {
    for (const byte of MAGIC) if (scanner.byte() !== byte) throw new Refused('no DIDL header');
    scanner.readTable();
    const count = scanner.leb();
    scanner.step(count);
    const args: number[] = [];
    for (let i = 0; i < count; i++) {
      const ref = scanner.typeRef();
      if (ref >= scanner.table.length) throw new Refused(`unknown type ${ref}`);
      args.push(ref);
    }
    for (const arg of args) scanner.value(arg, 0);
    if (scanner.at !== bytes.length) throw new Refused('bytes left after the last argument');
    return undefined;
  } catch (error) {
    if (error instanceof Refused) return error.message;
    // A JS stack overflow or anything unforeseen: refuse rather than trap.
    return 'the message could not be read';
  }
}
