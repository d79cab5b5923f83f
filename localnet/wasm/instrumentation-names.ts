/**
 * Names the rewritten module exposes to the localnet host (see prepare-module.ts).
 * The engine reads these; the rewriter writes them. Change both together.
 */

/** The module's funcref table 0, exported so call callbacks (table indices) can be invoked. */
export const TABLE_EXPORT = '__localnet_table';

/**
 * Azle's shadow-stack pointer (`__stack_pointer`, found by the name section, else the first
 * mutable i32 global), exported so the host can restore it after a trap.
 */
export const STACK_POINTER_EXPORT = '__localnet_stack_pointer';

/** New mutable i64 global: instructions executed so far (the host resets and reads it). */
export const INSTRUCTIONS_EXPORT = '__localnet_instructions';

/** New mutable i64 global: the counter value above which the module calls METERING_IMPORT. */
export const INSTRUCTION_LIMIT_EXPORT = '__localnet_instruction_limit';

/**
 * New imported function `() -> ()`, called at function entries and loop headers when the
 * counter exceeds the limit. The host throws from it; that throw is the trap.
 */
export const METERING_IMPORT = { module: 'localnet', name: 'instruction_limit_exceeded' } as const;
