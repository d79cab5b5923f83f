/**
 * TEST HELPER ONLY: a WAT canister whose `transform` query replies a fixed http_request_result
 * (status 203, body "transformed") and whose `transform_trap` query traps.
 */
import { IDL } from '@dfinity/candid';
import binaryen from 'binaryen';

import { httpRequestResult } from '../https-outcall-idl.ts';

export const TRANSFORMED = {
  status: 203n,
  headers: [],
  body: new TextEncoder().encode('transformed'),
};

let cached: Uint8Array | undefined;

export function transformCanisterWasm(): Uint8Array {
  if (cached) return cached;
  const reply = new Uint8Array(IDL.encode([httpRequestResult], [TRANSFORMED]));
  const escaped = [...reply].map((b) => `\\${b.toString(16).padStart(2, '0')}`).join('');
  const module = binaryen.parseText(`
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 0) "${escaped}")
  (data (i32.const 1000) "no")
  (func (export "canister_query transform")
    (call $append (i32.const 0) (i32.const ${reply.length}))
    (call $msg_reply))
  (func (export "canister_query transform_trap") (call $trap (i32.const 1000) (i32.const 2))))`);
  module.setFeatures(binaryen.Features.All);
  cached = module.emitBinary();
  module.dispose();
  return cached;
}
