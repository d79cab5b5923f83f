import { badRequest } from '../http-problem.ts';

const MINUTE_NS = 60_000_000_000n;
/** The agent asks for now + 5 min; allow a minute of clock drift on top, as the replica does. */
export const MAX_INGRESS_EXPIRY_AHEAD_NS = 6n * MINUTE_NS;

/**
 * Refuses an `ingress_expiry` outside [now, now + 6 min]. The body must start with
 * `Invalid request expiry: ` exactly: that prefix makes the agent resync its clock and retry.
 */
export function checkIngressExpiry(expiryNs: bigint, nowNs: bigint): void {
  const maxNs = nowNs + MAX_INGRESS_EXPIRY_AHEAD_NS;
  if (expiryNs < nowNs || expiryNs > maxNs) {
    throw badRequest(
      'LOCALNET_HTTP_INGRESS_EXPIRY',
      `Invalid request expiry: Specified ingress_expiry not within expected range: Minimum allowed expiry: ${nowNs}, Maximum allowed expiry: ${maxNs}, Provided expiry: ${expiryNs}`,
    );
  }
}
