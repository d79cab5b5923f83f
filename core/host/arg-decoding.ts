import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { binaryString } from '../stores/text-bytes.ts';
import { CanisterError } from '../errors/canister-error.ts';
import { placeholder } from './candid-placeholder.ts';
import { scanCandid } from './candid-scan.ts';

/** Messages in another type table than the method's own go to IDL.decode only this small. */
export const FOREIGN_MAX_BYTES = 8 * 1024;
/** Scan limits for those messages; maxSteps is added to twice their size. */
const FOREIGN_LIMITS = { maxTableEntries: 256, maxDepth: 64, maxSteps: 1024 };

/**
 * Candid arguments without @dfinity/candid's general decoder, which rebuilds the sender's type
 * table, checks subtyping and decodes each text through a TextDecoder polyfill: ~16 M
 * instructions for one event in QuickJS. Clients built from the same interface (agent-js,
 * the generated bindings) send exactly the type table the canister would write, so when the
 * message's prefix equals it byte for byte, readers compiled from the method's own types read
 * the values directly (a value they cannot read is refused). Any other message goes to
 * IDL.decode, so results stay the library's, within the bounds `argumentRefusal` sets.
 */
type Read = (input: Input) => unknown;

interface Input {
  bytes: Uint8Array;
  view: DataView;
  at: number;
}

interface Compiled {
  /** `DIDL`, type table and argument types, as a binary string. */
  prefix: string;
  reads: Read[];
}

const compiled = new WeakMap<IDL.Type[], Compiled | null>();

class Unreadable extends Error {}

/** Elements a vector may claim beyond the bytes left (vectors of null or empty records). */
const ZERO_SIZED_ALLOWANCE = 1024;

function take(input: Input, count: number): number {
  const at = input.at;
  if (at + count > input.bytes.length) throw new Unreadable('past the end');
  input.at = at + count;
  return at;
}

function leb(input: Input): number {
  let value = 0;
  let scale = 1;
  for (;;) {
    const byte = input.bytes[take(input, 1)]!;
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) break;
    scale *= 0x80;
    if (scale > 2 ** 49) throw new Unreadable('length too large');
  }
  return value;
}

function bigLeb(input: Input, signed: boolean): bigint {
  let value = 0n;
  let shift = 0n;
  let byte: number;
  do {
    byte = input.bytes[take(input, 1)]!;
    value |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
  } while (byte >= 0x80);
  if (signed && (byte & 0x40) !== 0) value -= 1n << shift;
  return value;
}

function compileRead(type: IDL.Type): Read {
  if (type instanceof IDL.TextClass) {
    return (input) => {
      const length = leb(input);
      const at = take(input, length);
      let text: string;
      try {
        text = decodeURIComponent(escape(binaryString(input.bytes.subarray(at, at + length))));
      } catch {
        throw new Unreadable('text is not UTF-8');
      }
      // The library's TextDecoder drops a leading byte order mark; so do we.
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    };
  }
  if (type instanceof IDL.BoolClass) {
    return (input) => {
      const byte = input.bytes[take(input, 1)];
      if (byte !== 0 && byte !== 1) throw new Unreadable('bool out of range');
      return byte === 1;
    };
  }
  if (type instanceof IDL.NullClass || type instanceof IDL.ReservedClass) return () => null;
  if (type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) {
    const bits = (type as unknown as { _bits: number })._bits;
    const signed = type instanceof IDL.FixedIntClass;
    const size = bits / 8;
    return (input) => {
      const at = take(input, size);
      const view = input.view;
      if (bits === 64) return signed ? view.getBigInt64(at, true) : view.getBigUint64(at, true);
      if (bits === 32) return signed ? view.getInt32(at, true) : view.getUint32(at, true);
      if (bits === 16) return signed ? view.getInt16(at, true) : view.getUint16(at, true);
      return signed ? view.getInt8(at) : view.getUint8(at);
    };
  }
  if (type instanceof IDL.NatClass || type instanceof IDL.IntClass) {
    const signed = type instanceof IDL.IntClass;
    return (input) => bigLeb(input, signed);
  }
  if (type instanceof IDL.FloatClass) {
    const bits = (type as unknown as { _bits: number })._bits;
    return (input) => {
      const at = take(input, bits / 8);
      return bits === 32 ? input.view.getFloat32(at, true) : input.view.getFloat64(at, true);
    };
  }
  if (type instanceof IDL.PrincipalClass) {
    return (input) => {
      if (input.bytes[take(input, 1)] !== 1) throw new Unreadable('principal reference');
      const length = leb(input);
      const at = take(input, length);
      return Principal.fromUint8Array(input.bytes.slice(at, at + length));
    };
  }
  if (type instanceof IDL.OptClass) {
    let inner: Read | undefined;
    const of = (type as unknown as { _type: IDL.Type })._type;
    return (input) => {
      const flag = input.bytes[take(input, 1)];
      if (flag === 0) return [];
      if (flag !== 1) throw new Unreadable('opt flag');
      return [(inner ??= readerOf(of))(input)];
    };
  }
  if (type instanceof IDL.VecClass) {
    const of = (type as unknown as { _type: IDL.Type })._type;
    const bits = (of as unknown as { _bits?: number })._bits;
    if (of instanceof IDL.FixedNatClass && bits === 8) {
      return (input) => {
        const length = leb(input);
        const at = take(input, length);
        return input.bytes.slice(at, at + length);
      };
    }
    // Other fixed-size numbers come back as the typed arrays the library returns (little-endian,
    // as Candid and Wasm are); the bytes are copied so the array is aligned.
    if (of instanceof IDL.FixedNatClass || of instanceof IDL.FixedIntClass) {
      const make = typedArrayOf(of instanceof IDL.FixedIntClass, bits ?? 0);
      const size = (bits ?? 8) / 8;
      return (input) => {
        const length = leb(input);
        if (length > (input.bytes.length - input.at) / size) {
          throw new Unreadable('vector longer than the bytes left');
        }
        const at = take(input, length * size);
        return make(input.bytes.slice(at, at + length * size).buffer);
      };
    }
    let inner: Read | undefined;
    return (input) => {
      const length = leb(input);
      // Each element takes a byte, except null-like ones: a few of those are allowed for free.
      if (length > input.bytes.length - input.at + ZERO_SIZED_ALLOWANCE) {
        throw new Unreadable('vector longer than the bytes left');
      }
      const read = (inner ??= readerOf(of));
      const items: unknown[] = [];
      for (let i = 0; i < length; i++) items.push(read(input));
      return items;
    };
  }
  if (type instanceof IDL.TupleClass) {
    const parts = (type as unknown as { _components: IDL.Type[] })._components.map(readerOf);
    return (input) => parts.map((read) => read(input));
  }
  if (type instanceof IDL.RecordClass) {
    const fields = (type as unknown as { _fields: [string, IDL.Type][] })._fields;
    const reads = fields.map(([, t]) => readerOf(t));
    return (input) => {
      const record: Record<string, unknown> = {};
      for (let i = 0; i < reads.length; i++) record[fields[i]![0]] = reads[i]!(input);
      return record;
    };
  }
  if (type instanceof IDL.VariantClass) {
    const fields = (type as unknown as { _fields: [string, IDL.Type][] })._fields;
    const reads = fields.map(([, t]) => readerOf(t));
    return (input) => {
      const index = leb(input);
      const read = reads[index];
      if (read === undefined) throw new Unreadable('variant index');
      return { [fields[index]![0]]: read(input) };
    };
  }
  if (type instanceof IDL.RecClass) {
    let inner: Read | undefined;
    return (input) => (inner ??= readerOf((type as IDL.RecClass).getType()!))(input);
  }
  throw new Error(`no fast reader for ${type.display()}`);
}

type TypedArrayOf = (buffer: ArrayBuffer) => ArrayLike<number | bigint>;

function typedArrayOf(signed: boolean, bits: number): TypedArrayOf {
  switch (`${signed ? 'int' : 'nat'}${bits}`) {
    case 'int8':
      return (buffer) => new Int8Array(buffer);
    case 'nat16':
      return (buffer) => new Uint16Array(buffer);
    case 'int16':
      return (buffer) => new Int16Array(buffer);
    case 'nat32':
      return (buffer) => new Uint32Array(buffer);
    case 'int32':
      return (buffer) => new Int32Array(buffer);
    case 'nat64':
      return (buffer) => new BigUint64Array(buffer);
    case 'int64':
      return (buffer) => new BigInt64Array(buffer);
    default:
      throw new Error(`no fast reader for vectors of ${signed ? 'int' : 'nat'}${bits}`);
  }
}

const readers = new WeakMap<IDL.Type, Read>();
function readerOf(type: IDL.Type): Read {
  let read = readers.get(type);
  if (read === undefined) {
    read = compileRead(type);
    readers.set(type, read);
  }
  return read;
}

function compile(types: IDL.Type[]): Compiled | null {
  try {
    const samples = types.map((t) => placeholder(t));
    const full = new Uint8Array(IDL.encode(types, samples));
    const bodies = types.reduce((sum, t, i) => sum + t.encodeValue(samples[i]).length, 0);
    return {
      prefix: binaryString(full.subarray(0, full.length - bodies)),
      reads: types.map(readerOf),
    };
  } catch {
    return null;
  }
}

/** Compiles the readers of a method's argument types now (the heap keeps them). */
export function prepareArgs(types: IDL.Type[]): void {
  if (!compiled.has(types)) compiled.set(types, compile(types));
}

function hasPrefix(plan: Compiled | null | undefined, bytes: Uint8Array): plan is Compiled {
  const length = plan?.prefix.length ?? 0;
  return (
    plan != null &&
    bytes.length >= length &&
    binaryString(bytes.subarray(0, length)) === plan.prefix
  );
}

function readFast(plan: Compiled, bytes: Uint8Array): unknown[] {
  const input = {
    bytes,
    view: new DataView(bytes.buffer, bytes.byteOffset),
    at: plan.prefix.length,
  };
  let values: unknown[];
  try {
    values = plan.reads.map((read) => read(input));
  } catch (error) {
    throw refusal('CORE_ARG_INVALID', error instanceof Unreadable ? error.message : 'unreadable');
  }
  if (input.at !== bytes.length) throw refusal('CORE_ARG_INVALID', 'bytes after the arguments');
  return values;
}

function refusal(code: 'CORE_ARG_INVALID' | 'CORE_ARG_TOO_COSTLY', found: string): CanisterError {
  const expected =
    code === 'CORE_ARG_INVALID'
      ? "a Candid argument of the method's type"
      : `the method's own type table, or another one within ${FOREIGN_MAX_BYTES} bytes, ${FOREIGN_LIMITS.maxTableEntries} types and depth ${FOREIGN_LIMITS.maxDepth}`;
  return new CanisterError(code, `the argument was refused before decoding: ${found}`, {
    expected,
    found,
  });
}

/**
 * Why a message's argument is refused before any decoding, or undefined. Messages in the
 * method's own type table are read by the compiled readers, whose work is bounded by the bytes
 * they consume (a vector may not claim more elements than bytes remain). Any other table goes
 * to IDL.decode, whose cost per byte is far higher (about 40 k instructions per text
 * character, more per type): it is admitted only small, and after a bounded scan.
 */
export function argumentRefusal(types: IDL.Type[], bytes: Uint8Array): CanisterError | undefined {
  prepareArgs(types);
  if (hasPrefix(compiled.get(types), bytes)) return undefined;
  if (bytes.length > FOREIGN_MAX_BYTES) {
    return refusal('CORE_ARG_TOO_COSTLY', `${bytes.length} bytes in another type table`);
  }
  const problem = scanCandid(bytes, {
    ...FOREIGN_LIMITS,
    maxSteps: 2 * bytes.length + FOREIGN_LIMITS.maxSteps,
  });
  if (problem === undefined) return undefined;
  return refusal(problem.includes('cost') ? 'CORE_ARG_TOO_COSTLY' : 'CORE_ARG_INVALID', problem);
}

/**
 * The arguments of a call, as IDL.decode returns them, or a CanisterError
 * (CORE_ARG_INVALID, CORE_ARG_TOO_COSTLY) thrown before any unbounded work.
 */
export function decodeArgs(types: IDL.Type[], bytes: Uint8Array): unknown[] {
  prepareArgs(types);
  const plan = compiled.get(types);
  if (hasPrefix(plan, bytes)) return readFast(plan, bytes);
  const refused = argumentRefusal(types, bytes);
  if (refused !== undefined) throw refused;
  try {
    return IDL.decode(types, bytes);
  } catch (error) {
    throw refusal('CORE_ARG_INVALID', error instanceof Error ? error.message : String(error));
  }
}

const methodArgs = new Map<string, IDL.Type[]>();

/** Remembers a method's argument types (one canister per Wasm, so names are unique). */
export function registerMethodArgs(method: string, types: IDL.Type[]): void {
  methodArgs.set(method, types);
}

/** A method's argument types, as its decorator declared them (tests and tools). */
export function methodArgTypes(method: string): IDL.Type[] | undefined {
  return methodArgs.get(method);
}

/**
 * For canister_inspect_message: why an ingress argument to `method` would be refused before
 * decoding, or undefined (also for methods core does not know). Decodes nothing.
 */
export function ingressArgumentRefusal(
  method: string,
  bytes: Uint8Array,
): CanisterError | undefined {
  const types = methodArgs.get(method);
  return types === undefined ? undefined : argumentRefusal(types, bytes);
}
