import type { Principal } from '@dfinity/principal';

/** Field types a YAML-only collection may declare (mirrors cli/config FieldType). */
export type FieldKind =
  'text' | 'nat' | 'nat64' | 'int' | 'int64' | 'float64' | 'bool' | 'principal' | 'blob';

export interface FieldSpec {
  name: string;
  type: FieldKind;
  optional: boolean;
  /** Text: characters; blob: bytes. */
  maxLength?: number;
  min?: number;
  max?: number;
}

/** A collection as the generated code declares it. */
export interface CollectionSpec {
  name: string;
  visibility: 'private' | 'public';
  fields: FieldSpec[];
  indexes: string[];
  maxPerOwner?: number;
}

/** Columns every record carries besides its declared fields. */
export interface RecordBase {
  id: bigint;
  owner: Principal;
  created_at: bigint;
  updated_at: bigint;
}

/** A page of records; pass `next` back as the cursor. Candid: `opt nat64`. */
export interface Page<R> {
  items: R[];
  next: [] | [bigint];
}

/** Limits applied when a field declares none: every input is bounded. */
export const DEFAULT_TEXT_MAX = 1024;
export const DEFAULT_BLOB_MAX = 65_536;
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;
