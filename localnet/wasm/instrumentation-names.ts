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

/**
 * New externref table, one entry per 4 KiB page of the heap: non-null once the page was saved
 * for rollback in the current message. The host clears the entries it set when the message ends.
 */
export const DIRTY_PAGES_EXPORT = '__localnet_dirty_pages';

/** New mutable i32 global: the logical memory size in Wasm pages (memory.size reads it). */
export const MEMORY_PAGES_EXPORT = '__localnet_memory_pages';

/** New imported function `(page: i32) -> ()`: the first write to a page in a message. */
export const PAGE_DIRTIED_IMPORT = { module: 'localnet', name: 'page_dirtied' } as const;

/** New imported function `(start: i32, length: i32) -> ()`: before memory.fill/copy/init. */
export const RANGE_DIRTIED_IMPORT = { module: 'localnet', name: 'range_dirtied' } as const;

/** The write-barrier imports for a host that keeps no undo journal (tests, calibration). */
export const UNJOURNALED_WRITES = {
  [PAGE_DIRTIED_IMPORT.name]: (): void => undefined,
  [RANGE_DIRTIED_IMPORT.name]: (): void => undefined,
};
