/**
 * TEST HELPER ONLY: a tiny canister written in WAT, so engine tests can exercise exact System API
 * behaviour without building an Azle canister. Replies are raw bytes, not Candid.
 *
 * Heap address 0 holds a u32 counter; stable memory byte 0 mirrors its low byte once written.
 * The memory starts at one page; `grow_then_trap` grows it, writes, fills and traps.
 */
import binaryen from 'binaryen';

const WAT = `
(module
  (import "ic0" "msg_reply" (func $msg_reply))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_method_name_size" (func $method_name_size (result i32)))
  (import "ic0" "accept_message" (func $accept))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "stable64_grow" (func $stable_grow (param i64) (result i64)))
  (import "ic0" "stable64_size" (func $stable_size (result i64)))
  (import "ic0" "stable64_write" (func $stable_write (param i64 i64 i64)))
  (import "ic0" "stable64_read" (func $stable_read (param i64 i64 i64)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (import "ic0" "global_timer_set" (func $timer_set (param i64) (result i64)))
  (import "ic0" "time" (func $time (result i64)))
  (import "ic0" "data_certificate_present" (func $certificate_present (result i32)))
  (import "ic0" "data_certificate_size" (func $certificate_size (result i32)))
  (import "ic0" "msg_reject" (func $msg_reject (param i32 i32)))
  (import "ic0" "canister_cycle_balance128" (func $balance128 (param i32)))
  (import "ic0" "call_perform" (func $call_perform (result i32)))
  (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
  (memory (export "memory") 1)
  (table 1 funcref)
  (global $sp (mut i32) (i32.const 4096))
  (data (i32.const 200) "boom")
  (data (i32.const 300) "\\00\\00\\00\\00\\00\\00\\00\\63\\01\\01")
  (elem (i32.const 0) $reply_reject_code)
  (func $bump
    (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1))))
  (func $reply_counter
    (call $append (i32.const 0) (i32.const 4))
    (call $msg_reply))
  (func $ensure_stable
    (if (i64.eqz (call $stable_size)) (then (drop (call $stable_grow (i64.const 1))))))
  (func (export "canister_update inc") (call $bump) (call $reply_counter))
  (func (export "canister_query read") (call $reply_counter))
  (func (export "canister_query inc_in_query") (call $bump) (call $reply_counter))
  (func (export "canister_update persist")
    (call $ensure_stable)
    (call $stable_write (i64.const 0) (i64.const 0) (i64.const 4))
    (call $reply_counter))
  (func (export "canister_query read_stable")
    (call $ensure_stable)
    (call $stable_read (i64.const 8) (i64.const 0) (i64.const 4))
    (call $append (i32.const 8) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_update inc_then_trap")
    (call $bump)
    (call $ensure_stable)
    (i32.store (i32.const 16) (i32.const 99))
    (call $stable_write (i64.const 0) (i64.const 16) (i64.const 4))
    (global.set $sp (i32.const 1))
    (call $trap (i32.const 200) (i32.const 4)))
  (func (export "canister_query call_from_query")
    (call $call_new (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
  (func (export "canister_update arm_timer")
    (drop (call $timer_set (i64.add (call $time) (i64.const 1000000000))))
    (call $reply_counter))
  (func (export "canister_global_timer") (call $bump))
  (func (export "canister_update no_reply"))
  (func (export "canister_inspect_message")
    (if (i32.eq (call $method_name_size) (i32.const 3)) (then (call $accept))))
  (func (export "canister_update grow_then_trap")
    (drop (memory.grow (i32.const 2)))
    (i32.store (i32.const 65636) (i32.const 7))
    (memory.fill (i32.const 300) (i32.const 9) (i32.const 5000))
    (call $trap (i32.const 200) (i32.const 4)))
  (func (export "canister_update grow")
    (i32.store (i32.const 32) (memory.grow (i32.const 1)))
    (call $append (i32.const 32) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_query pages")
    (i32.store (i32.const 32) (memory.size))
    (call $append (i32.const 32) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_query grown_word")
    (call $append (i32.const 65636) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_query filled_word")
    (call $append (i32.const 4296) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_query certificate_present")
    (i32.store (i32.const 32) (call $certificate_present))
    (call $append (i32.const 32) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_query time_now")
    (i64.store (i32.const 32) (call $time))
    (call $append (i32.const 32) (i32.const 8))
    (call $msg_reply))
  (func (export "canister_query balance")
    (call $balance128 (i32.const 32))
    (call $append (i32.const 32) (i32.const 16))
    (call $msg_reply))
  (func (export "canister_query certificate_size")
    (i32.store (i32.const 32) (call $certificate_size))
    (call $append (i32.const 32) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_query refuse") (call $msg_reject (i32.const 200) (i32.const 4)))
  (func (export "canister_query trap_in_query") (call $trap (i32.const 200) (i32.const 4)))
  (func $reply_reject_code (param i32)
    (i32.store (i32.const 32) (call $reject_code))
    (call $append (i32.const 32) (i32.const 4))
    (call $msg_reply))
  (func (export "canister_composite_query ask_missing_canister")
    (call $call_new (i32.const 300) (i32.const 10) (i32.const 200) (i32.const 4)
      (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0))
    (drop (call $call_perform)))
  (func (export "stack_pointer") (result i32) (global.get $sp))
)`;

let cached: Uint8Array | undefined;

export function watCanisterWasm(): Uint8Array {
  if (!cached) {
    const module = binaryen.parseText(WAT);
    module.setFeatures(binaryen.Features.All);
    cached = module.emitBinary();
    module.dispose();
  }
  return cached;
}

export function u32Reply(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true);
}
