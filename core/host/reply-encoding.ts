import { IDL } from '@dfinity/candid';

// A Candid reply is `DIDL` + type table + argument types + values. Only the
// values change from call to call, and building the table is the expensive part
// in QuickJS (≈3 M instructions for a Result variant), so it is built once per
// return type and reused.
const prefixes = new WeakMap<IDL.Type, Uint8Array>();
const EMPTY_REPLY = new Uint8Array([0x44, 0x49, 0x44, 0x4c, 0x00, 0x00]);

/** Encodes `value` as the single Candid reply value of `type` (no type: an empty reply). */
export function encodeReply(type: IDL.Type | undefined, value: unknown): Uint8Array {
  if (type === undefined) return EMPTY_REPLY;
  type.covariant(value);
  const body = type.encodeValue(value);
  let prefix = prefixes.get(type);
  if (prefix === undefined) {
    const full = IDL.encode([type], [value]);
    prefix = full.slice(0, full.length - body.length);
    prefixes.set(type, prefix);
  }
  const reply = new Uint8Array(prefix.length + body.length);
  reply.set(prefix);
  reply.set(body, prefix.length);
  return reply;
}
