import { Principal } from '@dfinity/principal';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { equalBytes, toHex } from '../bytes.ts';
import { badRequest, forbidden } from '../http-problem.ts';
import { hashOfMap } from '../request-id.ts';
import type { Envelope } from './envelope.ts';
import { verifySignature } from './signature-schemes.ts';

const REQUEST_SEPARATOR = concatBytes(Uint8Array.of(10), utf8ToBytes('ic-request'));
const DELEGATION_SEPARATOR = concatBytes(
  Uint8Array.of(26),
  utf8ToBytes('ic-request-auth-delegation'),
);

export interface AuthContext {
  /** Current time in ns, against which delegation expirations are checked. */
  readonly nowNs: bigint;
  /** The canister the request is addressed to, checked against delegation targets (none for subnet reads). */
  readonly targetCanister: Principal | undefined;
}

/**
 * Checks who sent the envelope (spec "Authentication"): anonymous senders carry no
 * signature; everyone else signs with the key whose self-authenticating principal is
 * the sender, possibly through a chain of delegations. Returns the sender.
 */
export function authenticateSender(envelope: Envelope, context: AuthContext): Principal {
  const { sender } = envelope.content;
  const { senderPubkey, senderSig, senderDelegation } = envelope;
  if (sender.isAnonymous()) {
    if (senderPubkey || senderSig || senderDelegation) {
      throw badRequest(
        'LOCALNET_HTTP_ANONYMOUS_SIGNED',
        'Anonymous requests must not carry sender_pubkey, sender_sig or sender_delegation',
      );
    }
    return sender;
  }
  if (!senderPubkey || !senderSig) {
    throw badRequest(
      'LOCALNET_HTTP_MISSING_SIGNATURE',
      `Request from ${sender.toText()} must carry sender_pubkey and sender_sig; only the anonymous principal may send unsigned requests`,
    );
  }
  const derived = Principal.selfAuthenticating(senderPubkey);
  if (!equalBytes(derived.toUint8Array(), sender.toUint8Array())) {
    throw badRequest(
      'LOCALNET_HTTP_SENDER_MISMATCH',
      `Sender ${sender.toText()} does not match the public key: the key's self-authenticating principal is ${derived.toText()}`,
    );
  }
  const signingKey = followDelegations(senderPubkey, senderDelegation ?? [], context);
  checkSignature(
    signingKey,
    concatBytes(REQUEST_SEPARATOR, envelope.requestId),
    senderSig,
    'sender_sig',
  );
  return sender;
}

/** Walks the chain and returns the key that must have made `sender_sig`. */
function followDelegations(
  rootKey: Uint8Array,
  chain: Envelope['senderDelegation'] & object,
  context: AuthContext,
) {
  const seen = new Set([toHex(rootKey)]);
  let signingKey = rootKey;
  chain.forEach((delegation, i) => {
    const where = `sender_delegation[${i}]`;
    const message = concatBytes(DELEGATION_SEPARATOR, hashOfMap(delegation.hashable));
    checkSignature(signingKey, message, delegation.signature, `${where}.signature`);
    if (delegation.expirationNs < context.nowNs) {
      throw badRequest(
        'LOCALNET_HTTP_DELEGATION_EXPIRED',
        `Invalid delegation: ${where} expired at ${delegation.expirationNs} ns; the time is now ${context.nowNs} ns`,
      );
    }
    const target = context.targetCanister;
    if (
      target &&
      delegation.targets &&
      !delegation.targets.some((t) => t.compareTo(target) === 'eq')
    ) {
      throw forbidden(
        'LOCALNET_HTTP_DELEGATION_TARGET',
        `Invalid delegation: canister ${target.toText()} is not among the targets of ${where} (${delegation.targets.map((t) => t.toText()).join(', ')})`,
      );
    }
    const keyHex = toHex(delegation.pubkey);
    if (seen.has(keyHex)) {
      throw badRequest(
        'LOCALNET_HTTP_DELEGATION_CYCLE',
        `Invalid delegation: ${where} delegates to a key already in the chain`,
      );
    }
    seen.add(keyHex);
    signingKey = delegation.pubkey;
  });
  return signingKey;
}

function checkSignature(
  derKey: Uint8Array,
  message: Uint8Array,
  signature: Uint8Array,
  what: string,
): void {
  const result = verifySignature(derKey, message, signature);
  if (result === 'unsupported-key') {
    throw badRequest(
      'LOCALNET_HTTP_UNSUPPORTED_KEY',
      `Invalid signature: the key for ${what} is not a supported DER public key (Ed25519, ECDSA P-256 or secp256k1, WebAuthn with a P-256 COSE key); localnet does not verify canister signatures or RSA WebAuthn keys`,
    );
  }
  if (result === 'invalid') {
    throw badRequest(
      'LOCALNET_HTTP_BAD_SIGNATURE',
      `Invalid signature: ${what} does not verify against its public key`,
    );
  }
}
