/**
 * TEST HELPER ONLY: deliberately broken "new versions" for the safe-upgrade tests, written in
 * WAT so no Azle build is needed: one traps in post_upgrade, one comes up degraded (its
 * health_check says so and its candid:service metadata declares health_check).
 */
import { IDL } from '@dfinity/candid';
import binaryen from 'binaryen';

const escape = (bytes: Uint8Array) =>
  [...bytes].map((byte) => `\\${byte.toString(16).padStart(2, '0')}`).join('');

function compile(wat: string, metadata?: { name: string; text: string }): Uint8Array {
  const module = binaryen.parseText(wat);
  module.setFeatures(binaryen.Features.All);
  if (metadata) module.addCustomSection(metadata.name, new TextEncoder().encode(metadata.text));
  const wasm = module.emitBinary();
  module.dispose();
  return wasm;
}

export function trapsInPostUpgradeWasm(): Uint8Array {
  return compile(`(module
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "broken on purpose")
  (func (export "canister_post_upgrade") (call $trap (i32.const 0) (i32.const 17))))`);
}

const HealthReply = IDL.Record({
  status: IDL.Variant({ healthy: IDL.Null, degraded: IDL.Null, unhealthy: IDL.Null }),
  checks: IDL.Opt(IDL.Vec(IDL.Record({ name: IDL.Text, healthy: IDL.Bool }))),
});

export function comesUpDegradedWasm(): Uint8Array {
  const reply = new Uint8Array(
    IDL.encode(
      [HealthReply],
      [{ status: { degraded: null }, checks: [[{ name: 'stores', healthy: false }]] }],
    ),
  );
  return compile(
    `(module
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (memory (export "memory") 1)
  (data (i32.const 0) "${escape(reply)}")
  (func (export "canister_post_upgrade"))
  (func (export "canister_query health_check")
    (call $append (i32.const 0) (i32.const ${reply.length}))
    (call $reply)))`,
    {
      name: 'icp:public candid:service',
      text:
        'service : { health_check : () -> (record { status : variant { healthy; degraded; unhealthy }; ' +
        'checks : opt vec record { name : text; healthy : bool } }) query }',
    },
  );
}

/** The same module with one more custom section: a new hash, the same behaviour (an upgrade that works). */
export function withVersionSection(wasm: Uint8Array, version: string): Uint8Array {
  const name = new TextEncoder().encode('icp-calendar:test-version');
  const content = new TextEncoder().encode(version);
  const payload = [...leb(name.length), ...name, ...content];
  return new Uint8Array([...wasm, 0, ...leb(payload.length), ...payload]);
}

function leb(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}
