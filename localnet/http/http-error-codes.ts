/**
 * Every refusal code the HTTP interface answers with, and what it means.
 * The code is the last line of the plain-text body (`[CODE]`); README.md lists them all.
 */
export const HTTP_ERROR_CODES = {
  LOCALNET_HTTP_MALFORMED_CBOR: '400: the body is not CBOR',
  LOCALNET_HTTP_MALFORMED_REQUEST:
    '400: the envelope or its content lacks a field or has a wrong type',
  LOCALNET_HTTP_BAD_PRINCIPAL: '400: the URL does not hold a textual principal',
  LOCALNET_HTTP_BODY_TOO_LARGE:
    '413: the body exceeds maxBodyBytes (by content-length, or while a chunked body is read)',
  LOCALNET_HTTP_OVERLOADED:
    '429 (calls) or 503 (queries, read_state): more than maxConcurrentRequests in flight',
  LOCALNET_HTTP_BAD_REQUEST_ID:
    '400: a /request_status path label that is not a 32-byte request id',
  LOCALNET_HTTP_INGRESS_EXPIRY:
    '400: ingress_expiry outside [now, now + 6 min]; body starts "Invalid request expiry: "',
  LOCALNET_HTTP_ANONYMOUS_SIGNED:
    '400: the anonymous sender carried a key, signature or delegation',
  LOCALNET_HTTP_MISSING_SIGNATURE:
    '400: a non-anonymous sender without sender_pubkey and sender_sig',
  LOCALNET_HTTP_SENDER_MISMATCH:
    '400: sender is not the self-authenticating principal of sender_pubkey',
  LOCALNET_HTTP_UNSUPPORTED_KEY:
    '400: a key that is not DER Ed25519, ECDSA P-256/secp256k1 or WebAuthn P-256',
  LOCALNET_HTTP_BAD_SIGNATURE: '400: a sender or delegation signature does not verify',
  LOCALNET_HTTP_DELEGATION_EXPIRED: '400: a delegation in the chain has expired',
  LOCALNET_HTTP_DELEGATION_CYCLE: '400: a delegation chain names the same key twice',
  LOCALNET_HTTP_DELEGATION_TARGET: '403: the canister is not among the targets of a delegation',
  LOCALNET_HTTP_EFFECTIVE_CANISTER_ID:
    '400: the URL canister id is not the call target (or its canister_id argument)',
  LOCALNET_HTTP_MANAGEMENT_ARGUMENT:
    '400: a management call argument without the canister_id the URL must match',
  LOCALNET_HTTP_READ_STATE_PATH: '403: a read_state path that may not be read',
  LOCALNET_HTTP_READ_STATE_FORBIDDEN:
    "403: another sender's request status, or private metadata for a non-controller",
  LOCALNET_HTTP_UNKNOWN_SUBNET: '400: subnet read_state for a subnet this network does not have',
  LOCALNET_HTTP_BAD_RESPONSE:
    '502: a canister HTTP response Node cannot send (e.g. an invalid header)',
  LOCALNET_HTTP_INTERNAL: '500: a bug in localnet; the body carries the message',
} as const;

export type HttpErrorCode = keyof typeof HTTP_ERROR_CODES;
