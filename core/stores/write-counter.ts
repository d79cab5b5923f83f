/**
 * Counts writes to stable stores since the Wasm started (heap only, so a trapped message's
 * writes are forgotten with it). A plugin compares the count before and after a call to learn
 * whether the call changed anything durable: backup counts only those calls as changes.
 */
let writes = 0;

export function noteStoreWrite(): void {
  writes++;
}

export function storeWrites(): number {
  return writes;
}
