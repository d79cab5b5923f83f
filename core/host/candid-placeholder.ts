import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

/**
 * A value of `type` built of empty parts: encoding it tells a message's prefix (`DIDL`, type
 * table, argument types), which does not depend on the values, apart from the values.
 */
export function placeholder(type: IDL.Type, depth = 0): unknown {
  if (depth > 32) throw new Error('placeholder: type too deep');
  if (type instanceof IDL.TextClass) return '';
  if (type instanceof IDL.BoolClass) return false;
  if (type instanceof IDL.NullClass || type instanceof IDL.ReservedClass) return null;
  if (type instanceof IDL.FixedNatClass || type instanceof IDL.FixedIntClass) {
    return (type as unknown as { _bits: number })._bits === 64 ? 0n : 0;
  }
  if (type instanceof IDL.NatClass || type instanceof IDL.IntClass) return 0n;
  if (type instanceof IDL.FloatClass) return 0;
  if (type instanceof IDL.PrincipalClass) return Principal.anonymous();
  if (type instanceof IDL.OptClass || type instanceof IDL.VecClass) return [];
  if (type instanceof IDL.TupleClass) {
    return (type as unknown as { _components: IDL.Type[] })._components.map((t) =>
      placeholder(t, depth + 1),
    );
  }
  if (type instanceof IDL.RecordClass) {
    const fields = (type as unknown as { _fields: [string, IDL.Type][] })._fields;
    return Object.fromEntries(fields.map(([name, t]) => [name, placeholder(t, depth + 1)]));
  }
  if (type instanceof IDL.VariantClass) {
    const [name, t] = (type as unknown as { _fields: [string, IDL.Type][] })._fields[0]!;
    return { [name]: placeholder(t, depth + 1) };
  }
  if (type instanceof IDL.RecClass) return placeholder(type.getType()!, depth + 1);
  throw new Error(`placeholder: no empty value of ${type.display()}`);
}
