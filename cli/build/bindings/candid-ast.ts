/** Candid types as read from a .did file. */
export type CandidType =
  | { kind: 'prim'; name: string }
  | { kind: 'ref'; name: string }
  | { kind: 'opt'; inner: CandidType }
  | { kind: 'vec'; inner: CandidType }
  | { kind: 'record'; fields: CandidField[] }
  | { kind: 'variant'; fields: CandidField[] }
  | { kind: 'func'; func: CandidFunc }
  | { kind: 'service'; methods: CandidMethod[] };

export interface CandidField {
  /** A name, or a number for `0 : nat` and for the implicit positions of tuple records. */
  label: string | number;
  type: CandidType;
}

export interface CandidFunc {
  args: CandidType[];
  results: CandidType[];
  /** `query`, `composite_query`, `oneway`. */
  annotations: string[];
}

export interface CandidMethod {
  name: string;
  /** A function signature, or a reference to a named func type. */
  type: CandidType;
}

export interface CandidProgram {
  /** Named types in file order. */
  types: { name: string; type: CandidType }[];
  /** Arguments of the service constructor (init args); empty when the service takes none. */
  initArgs: CandidType[];
  /** The service itself: a service type or a reference to a named one; undefined when the file has none. */
  service?: CandidType;
}

export const PRIMITIVES = [
  'nat', 'nat8', 'nat16', 'nat32', 'nat64', 'int', 'int8', 'int16', 'int32', 'int64',
  'float32', 'float64', 'bool', 'text', 'null', 'reserved', 'empty', 'principal',
];
