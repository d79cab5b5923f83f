import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { placeholder } from './candid-placeholder.ts';
import { ReplyWriter } from './reply-writer.ts';

/**
 * Candid replies without @dfinity/candid's per-value work, which costs ~6 M instructions per
 * 15-field record in QuickJS (a TextEncoder polyfill per text, a LEB128 BigInt loop per length,
 * one Uint8Array per value). Per return type, an encoder is compiled once into closures that
 * write straight into one buffer; texts are collected and turned into UTF-8 with one native
 * call for the whole reply. The prefix (`DIDL`, type table, argument types) does not depend on
 * the value, so it is computed once from a placeholder value. `prepareReply` at decoration time
 * keeps both on the heap of every later message (a query's own heap changes are discarded).
 * Types it does not compile (func, service, empty) fall back to the library's encoder.
 */
type Emit = (value: unknown, out: ReplyWriter) => void;

interface Compiled {
  prefix: Uint8Array;
  emit: Emit;
}

const compiled = new WeakMap<IDL.Type, Compiled>();
const EMPTY_REPLY = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]);

function mismatch(type: IDL.Type, value: unknown): Error {
  let shown: string;
  try {
    shown =
      typeof value === 'bigint'
        ? `${value}n`
        : (JSON.stringify(value)?.slice(0, 80) ?? String(value));
  } catch {
    shown = String(value);
  }
  return new Error(`Invalid ${type.display()} argument: ${shown}`);
}

function compileEmit(type: IDL.Type): Emit {
  if (type instanceof IDL.TextClass) {
    return (v, out) => {
      if (typeof v !== 'string') throw mismatch(type, v);
      out.text(v);
    };
  }
  if (type instanceof IDL.BoolClass) {
    return (v, out) => {
      if (typeof v !== 'boolean') throw mismatch(type, v);
      out.byte(v ? 1 : 0);
    };
  }
  if (type instanceof IDL.NullClass) {
    return (v) => {
      if (v !== null) throw mismatch(type, v);
    };
  }
  if (type instanceof IDL.ReservedClass) return () => {};
  if (type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) {
    const bits = (type as unknown as { _bits: number })._bits;
    const signed = type instanceof IDL.FixedIntClass;
    const max = 2n ** BigInt(signed ? bits - 1 : bits);
    const min = signed ? -max : 0n;
    return (v, out) => {
      const ok =
        typeof v === 'bigint'
          ? v >= min && v < max
          : typeof v === 'number' && Number.isInteger(v) && v >= Number(min) && v < Number(max);
      if (!ok) throw mismatch(type, v);
      out.fixed(bits, signed, v);
    };
  }
  if (type instanceof IDL.FloatClass) {
    const bits = (type as unknown as { _bits: number })._bits;
    return (v, out) => {
      if (typeof v !== 'number') throw mismatch(type, v);
      out.float(bits, v);
    };
  }
  if (type instanceof IDL.PrincipalClass) {
    return (v, out) => {
      if ((v as { _isPrincipal?: boolean } | null)?._isPrincipal !== true) throw mismatch(type, v);
      const raw = (v as Principal).toUint8Array();
      out.byte(1);
      out.leb(raw.length);
      out.bytes(raw);
    };
  }
  if (type instanceof IDL.OptClass) {
    let inner: Emit | undefined;
    const of = (type as unknown as { _type: IDL.Type })._type;
    return (v, out) => {
      if (!Array.isArray(v) || v.length > 1) throw mismatch(type, v);
      if (v.length === 0) return out.byte(0);
      out.byte(1);
      (inner ??= emitterOf(of))(v[0], out);
    };
  }
  if (type instanceof IDL.VecClass) {
    const of = (type as unknown as { _type: IDL.Type })._type;
    const blob =
      of instanceof IDL.FixedNatClass && (of as unknown as { _bits: number })._bits === 8;
    let inner: Emit | undefined;
    return (v, out) => {
      if (blob && v instanceof Uint8Array) {
        out.leb(v.length);
        return out.bytes(v);
      }
      if (!Array.isArray(v)) throw mismatch(type, v);
      out.leb(v.length);
      const emit = (inner ??= emitterOf(of));
      for (const item of v) emit(item, out);
    };
  }
  if (type instanceof IDL.TupleClass) {
    const parts = (type as unknown as { _components: IDL.Type[] })._components;
    let emits: Emit[] | undefined;
    return (v, out) => {
      if (!Array.isArray(v) || v.length < parts.length) throw mismatch(type, v);
      emits ??= parts.map(emitterOf);
      for (let i = 0; i < emits.length; i++) emits[i]!(v[i], out);
    };
  }
  if (type instanceof IDL.RecordClass) {
    const fields = (type as unknown as { _fields: [string, IDL.Type][] })._fields;
    const names = fields.map(([name]) => name);
    let emits: Emit[] | undefined;
    return (v, out) => {
      if (typeof v !== 'object' || v === null) throw mismatch(type, v);
      emits ??= fields.map(([, t]) => emitterOf(t));
      const record = v as Record<string, unknown>;
      for (let i = 0; i < emits.length; i++) emits[i]!(record[names[i]!], out);
    };
  }
  if (type instanceof IDL.VariantClass) {
    const fields = (type as unknown as { _fields: [string, IDL.Type][] })._fields;
    const index = new Map(fields.map(([name], i) => [name, i]));
    const emits: (Emit | undefined)[] = [];
    return (v, out) => {
      if (typeof v !== 'object' || v === null) throw mismatch(type, v);
      for (const name in v) {
        const i = index.get(name);
        if (i === undefined || !Object.prototype.hasOwnProperty.call(v, name)) continue;
        out.leb(i);
        return (emits[i] ??= emitterOf(fields[i]![1]))((v as Record<string, unknown>)[name], out);
      }
      throw mismatch(type, v);
    };
  }
  if (type instanceof IDL.RecClass) {
    let inner: Emit | undefined;
    return (v, out) => (inner ??= emitterOf((type as IDL.RecClass).getType()!))(v, out);
  }
  return (v, out) => {
    type.covariant(v);
    out.bytes(type.encodeValue(v));
  };
}

const emitters = new WeakMap<IDL.Type, Emit>();
function emitterOf(type: IDL.Type): Emit {
  let emit = emitters.get(type);
  if (emit === undefined) {
    emit = compileEmit(type);
    emitters.set(type, emit);
  }
  return emit;
}

function compile(type: IDL.Type, value: unknown): Compiled {
  let sample: unknown;
  try {
    sample = placeholder(type);
  } catch {
    sample = value;
  }
  const full = IDL.encode([type], [sample]);
  const body = type.encodeValue(sample);
  return {
    prefix: new Uint8Array(full.slice(0, full.length - body.length)),
    emit: emitterOf(type),
  };
}

/** Compiles the encoder of `type` now (call it at module evaluation: the heap keeps it). */
export function prepareReply(type: IDL.Type | undefined): void {
  if (type === undefined || compiled.has(type)) return;
  try {
    compiled.set(type, compile(type, undefined));
  } catch {
    // A type whose placeholder cannot be built is compiled at its first reply instead.
  }
}

/** Encodes `value` as the single Candid reply value of `type` (no type: an empty reply). */
export function encodeReply(type: IDL.Type | undefined, value: unknown): Uint8Array {
  if (type === undefined) return EMPTY_REPLY;
  let encoder = compiled.get(type);
  if (encoder === undefined) {
    encoder = compile(type, value);
    compiled.set(type, encoder);
  }
  const out = new ReplyWriter();
  encoder.emit(value, out);
  return out.finish(encoder.prefix);
}
