/** Approximate prices of a 13-node application subnet (IC "cycles costs" page). */
export const CyclesPrice = {
  updateMessageBase: 5_000_000n,
  /** Cycles per 10 instructions. */
  tenInstructions: 4n,
  ingressReceptionBase: 1_200_000n,
  ingressReceptionPerByte: 2_000n,
  callBase: 260_000n,
  callPerByte: 1_000n,
  /** Storage: cycles per GiB per second. */
  gibSecond: 127_000n,
  createCanister: 500_000_000_000n,
} as const;

export const DEFAULT_FREEZING_THRESHOLD_SECONDS = 2_592_000n;
export const DEFAULT_PROVISIONAL_CYCLES = 100_000_000_000_000n;

export function executionFee(instructions: bigint): bigint {
  return CyclesPrice.updateMessageBase + (instructions * CyclesPrice.tenInstructions) / 10n;
}

export function ingressFee(bytes: number): bigint {
  return CyclesPrice.ingressReceptionBase + CyclesPrice.ingressReceptionPerByte * BigInt(bytes);
}

export function callFee(methodBytes: bigint, payloadBytes: bigint): bigint {
  return CyclesPrice.callBase + CyclesPrice.callPerByte * (methodBytes + payloadBytes);
}

export function idleCyclesPerDay(memoryBytes: bigint): bigint {
  return (memoryBytes * CyclesPrice.gibSecond * 86_400n) / 1_073_741_824n;
}

/** Cycles a canister must keep to stay unfrozen for its freezing threshold. */
export function freezingLimit(memoryBytes: bigint, thresholdSeconds: bigint): bigint {
  return (memoryBytes * CyclesPrice.gibSecond * thresholdSeconds) / 1_073_741_824n;
}
