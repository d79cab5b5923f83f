let lastNs = 0n;

/** Wall-clock time in ns, strictly increasing across calls. */
export function wallClockNs(): bigint {
  const ns = BigInt(Date.now()) * 1_000_000n;
  lastNs = ns > lastNs ? ns : lastNs + 1n;
  return lastNs;
}
