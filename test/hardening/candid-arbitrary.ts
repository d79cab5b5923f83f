import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';

/**
 * Well-typed values for any Candid type, biased to the edges: empty and huge texts, odd
 * Unicode, extreme numbers, strange principals, empty and long vectors, deep options.
 */
const texts = fc.oneof(
  fc.constantFrom('', ' ', 'a', '\u0000', '\ufeff', '🗓️', 'x'.repeat(5000), '../../etc'),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.integer({ min: 1000, max: 120_000 }).map((n) => 'é'.repeat(n)),
);
const principals = fc.oneof(
  fc.constantFrom(
    Principal.anonymous(),
    Principal.managementCanister(),
    Principal.fromUint8Array(new Uint8Array(29).fill(255)),
    Principal.fromUint8Array(new Uint8Array(0)),
  ),
  fc.uint8Array({ minLength: 1, maxLength: 29 }).map((b) => Principal.fromUint8Array(b)),
);

function bigIn(min: bigint, max: bigint): fc.Arbitrary<bigint> {
  return fc.oneof(
    fc.constantFrom(min, max, 0n > min ? 0n : min, 1n > max ? max : 1n),
    fc.bigInt({ min, max }),
  );
}

export function arbitraryFor(type: IDL.Type, depth = 0): fc.Arbitrary<unknown> {
  if (type instanceof IDL.RecClass) return arbitraryFor(type.getType()!, depth + 1);
  if (type instanceof IDL.TextClass) return texts;
  if (type instanceof IDL.BoolClass) return fc.boolean();
  if (type instanceof IDL.NullClass || type instanceof IDL.ReservedClass) return fc.constant(null);
  if (type instanceof IDL.PrincipalClass) return principals;
  if (type instanceof IDL.NatClass) return bigIn(0n, 2n ** 128n);
  if (type instanceof IDL.IntClass) return bigIn(-(2n ** 127n), 2n ** 127n);
  if (type instanceof IDL.FloatClass) return fc.double();
  if (type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) {
    const bits = (type as unknown as { _bits: number })._bits;
    const signed = type instanceof IDL.FixedIntClass;
    const max = signed ? 2n ** BigInt(bits - 1) - 1n : 2n ** BigInt(bits) - 1n;
    const min = signed ? -(2n ** BigInt(bits - 1)) : 0n;
    const values = bigIn(min, max);
    return bits === 64 ? values : values.map(Number);
  }
  if (type instanceof IDL.OptClass) {
    const inner = (type as unknown as { _type: IDL.Type })._type;
    if (depth > 6) return fc.constant([]);
    return fc.oneof(
      fc.constant([]),
      arbitraryFor(inner, depth + 1).map((v) => [v]),
    );
  }
  if (type instanceof IDL.VecClass) {
    const inner = (type as unknown as { _type: IDL.Type })._type;
    if (inner instanceof IDL.FixedNatClass && (inner as unknown as { _bits: number })._bits === 8) {
      return fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(new Uint8Array(200_000)));
    }
    if (depth > 6) return fc.constant([]);
    return fc.array(arbitraryFor(inner, depth + 1), { maxLength: depth === 0 ? 6 : 3 });
  }
  if (type instanceof IDL.TupleClass) {
    const parts = (type as unknown as { _components: IDL.Type[] })._components;
    return fc.tuple(...parts.map((p) => arbitraryFor(p, depth + 1)));
  }
  if (type instanceof IDL.RecordClass) {
    const fields = (type as unknown as { _fields: [string, IDL.Type][] })._fields;
    // fast-check's records have no prototype; the Candid encoder calls hasOwnProperty.
    return fc
      .record(Object.fromEntries(fields.map(([k, t]) => [k, arbitraryFor(t, depth + 1)])))
      .map((record) => ({ ...record }));
  }
  if (type instanceof IDL.VariantClass) {
    const fields = (type as unknown as { _fields: [string, IDL.Type][] })._fields;
    return fc.oneof(...fields.map(([k, t]) => arbitraryFor(t, depth + 1).map((v) => ({ [k]: v }))));
  }
  throw new Error(`no arbitrary for ${type.display()}`);
}
