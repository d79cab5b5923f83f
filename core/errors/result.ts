import { IDL } from '@dfinity/candid';

/** The Candid record carried by `Err`. */
export const ErrorRecord = IDL.Record({ code: IDL.Text, message: IDL.Text });

export type ResultValue<T> = { Ok: T } | { Err: { code: string; message: string } };

const resultTypes = new WeakSet<IDL.Type>();

/**
 * `variant { Ok : T; Err : record { code : text; message : text } }`.
 * A method whose return type was built here returns plain values and throws
 * CanisterError; the pipeline turns both into this variant.
 */
export function Result(ok: IDL.Type): IDL.Type {
  const type = IDL.Variant({ Ok: ok, Err: ErrorRecord });
  resultTypes.add(type);
  return type;
}

export function isResultType(type: IDL.Type | undefined): boolean {
  return type !== undefined && resultTypes.has(type);
}
