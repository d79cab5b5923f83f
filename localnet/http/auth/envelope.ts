import { Principal } from '@dfinity/principal';
import { decodeCbor } from '../cbor.ts';
import { badRequest } from '../http-problem.ts';
import { requestIdOf, type HashableValue } from '../request-id.ts';

export type RequestType = 'call' | 'query' | 'read_state';

interface CommonContent {
  readonly sender: Principal;
  readonly ingressExpiryNs: bigint;
  readonly nonce?: Uint8Array;
}

export interface CanisterCallContent extends CommonContent {
  readonly requestType: 'call' | 'query';
  readonly canisterId: Principal;
  readonly methodName: string;
  readonly arg: Uint8Array;
}

export interface ReadStateContent extends CommonContent {
  readonly requestType: 'read_state';
  readonly paths: readonly (readonly Uint8Array[])[];
}

export type RequestContent = CanisterCallContent | ReadStateContent;

export interface SignedDelegation {
  readonly pubkey: Uint8Array;
  readonly expirationNs: bigint;
  readonly targets?: readonly Principal[];
  /** The delegation map exactly as received, for hashing. */
  readonly hashable: { readonly [key: string]: HashableValue };
  readonly signature: Uint8Array;
}

export interface Envelope<C extends RequestContent = RequestContent> {
  readonly content: C;
  readonly requestId: Uint8Array;
  readonly senderPubkey?: Uint8Array;
  readonly senderSig?: Uint8Array;
  readonly senderDelegation?: readonly SignedDelegation[];
}

const MAX_DELEGATIONS = 20;
const MAX_TARGETS = 1000;
const MAX_PATHS = 1000;
const MAX_PATH_LABELS = 127;

/** Decodes and shape-checks a request body; the request id is computed from the content as received. */
export function parseEnvelope(body: Uint8Array, expected: 'call'): Envelope<CanisterCallContent>;
export function parseEnvelope(body: Uint8Array, expected: 'query'): Envelope<CanisterCallContent>;
export function parseEnvelope(body: Uint8Array, expected: 'read_state'): Envelope<ReadStateContent>;
export function parseEnvelope(body: Uint8Array, expected: RequestType): Envelope {
  let decoded: unknown;
  try {
    decoded = decodeCbor(body);
  } catch (error) {
    throw badRequest(
      'LOCALNET_HTTP_MALFORMED_CBOR',
      `Could not parse body as CBOR: ${(error as Error).message}`,
    );
  }
  const envelope = record(decoded, 'request body');
  const rawContent = record(envelope.content, 'content');
  assertHashable(rawContent, 'content');
  const content = parseContent(rawContent, expected);
  return {
    content,
    requestId: requestIdOf(rawContent as { [key: string]: HashableValue }),
    senderPubkey: optionalBlob(envelope.sender_pubkey, 'sender_pubkey'),
    senderSig: optionalBlob(envelope.sender_sig, 'sender_sig'),
    senderDelegation: parseDelegations(envelope.sender_delegation),
  };
}

function parseContent(content: Record<string, unknown>, expected: RequestType): RequestContent {
  if (content.request_type !== expected) {
    throw malformed(
      `content.request_type must be "${expected}" on this endpoint; found ${describe(content.request_type)}`,
    );
  }
  const common: CommonContent = {
    sender: principal(content.sender, 'content.sender'),
    ingressExpiryNs: natural(content.ingress_expiry, 'content.ingress_expiry'),
    nonce: optionalBlob(content.nonce, 'content.nonce', 32),
  };
  if (expected === 'read_state') {
    const paths = list(content.paths, 'content.paths', MAX_PATHS).map((path, i) =>
      list(path, `content.paths[${i}]`, MAX_PATH_LABELS).map((l, j) =>
        blob(l, `content.paths[${i}][${j}]`),
      ),
    );
    return { ...common, requestType: 'read_state', paths };
  }
  return {
    ...common,
    requestType: expected,
    canisterId: principal(content.canister_id, 'content.canister_id'),
    methodName: text(content.method_name, 'content.method_name'),
    arg: blob(content.arg, 'content.arg'),
  };
}

function parseDelegations(value: unknown): SignedDelegation[] | undefined {
  if (value === undefined) return undefined;
  return list(value, 'sender_delegation', MAX_DELEGATIONS).map((item, i) => {
    const where = `sender_delegation[${i}]`;
    const signed = record(item, where);
    const delegation = record(signed.delegation, `${where}.delegation`);
    assertHashable(delegation, `${where}.delegation`);
    const targets =
      delegation.targets === undefined
        ? undefined
        : list(delegation.targets, `${where}.delegation.targets`, MAX_TARGETS).map((t, j) =>
            principal(t, `${where}.delegation.targets[${j}]`),
          );
    return {
      pubkey: blob(delegation.pubkey, `${where}.delegation.pubkey`),
      expirationNs: natural(delegation.expiration, `${where}.delegation.expiration`),
      targets,
      hashable: delegation as { [key: string]: HashableValue },
      signature: blob(signed.signature, `${where}.signature`),
    };
  });
}

function malformed(message: string) {
  return badRequest('LOCALNET_HTTP_MALFORMED_REQUEST', message);
}

function describe(value: unknown): string {
  if (value instanceof Uint8Array) return `a blob of ${value.length} bytes`;
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? JSON.stringify(value) : typeof value;
}

function record(value: unknown, where: string): Record<string, unknown> {
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    value instanceof Uint8Array
  ) {
    throw malformed(`${where} must be a CBOR map; found ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

function blob(value: unknown, where: string, maxLength = Infinity): Uint8Array {
  if (!(value instanceof Uint8Array))
    throw malformed(`${where} must be a blob; found ${describe(value)}`);
  if (value.length > maxLength)
    throw malformed(`${where} must be at most ${maxLength} bytes; found ${value.length}`);
  return value;
}

function optionalBlob(value: unknown, where: string, maxLength = Infinity): Uint8Array | undefined {
  return value === undefined ? undefined : blob(value, where, maxLength);
}

function text(value: unknown, where: string): string {
  if (typeof value !== 'string') throw malformed(`${where} must be text; found ${describe(value)}`);
  return value;
}

function natural(value: unknown, where: string): bigint {
  if (
    (typeof value === 'number' && Number.isInteger(value) && value >= 0) ||
    (typeof value === 'bigint' && value >= 0n)
  ) {
    return BigInt(value);
  }
  throw malformed(`${where} must be a natural number; found ${describe(value)}`);
}

function principal(value: unknown, where: string): Principal {
  return Principal.fromUint8Array(blob(value, where, 29));
}

function list(value: unknown, where: string, maxLength: number): unknown[] {
  if (!Array.isArray(value)) throw malformed(`${where} must be an array; found ${describe(value)}`);
  if (value.length > maxLength)
    throw malformed(`${where} may hold at most ${maxLength} items; found ${value.length}`);
  return value;
}

/** Only values the representation-independent hash defines may appear (no floats, booleans, null). */
function assertHashable(value: unknown, where: string): void {
  if (value instanceof Uint8Array || typeof value === 'string' || typeof value === 'bigint') return;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return;
  if (Array.isArray(value))
    return value.forEach((item, i) => assertHashable(item, `${where}[${i}]`));
  if (typeof value === 'object' && value !== null) {
    // A field encoded as CBOR `undefined` counts as absent, as in the request-id hash.
    for (const [key, field] of Object.entries(value)) {
      if (field !== undefined) assertHashable(field, `${where}.${key}`);
    }
    return;
  }
  throw malformed(`${where} holds a value the request hash does not define: ${describe(value)}`);
}
