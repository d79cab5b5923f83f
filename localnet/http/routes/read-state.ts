import type { Principal } from '@dfinity/principal';
import { bytesToUtf8 } from '@noble/hashes/utils';
import { authenticateSender } from '../auth/sender-auth.ts';
import { parseEnvelope, type Envelope, type ReadStateContent } from '../auth/envelope.ts';
import { checkIngressExpiry } from '../auth/ingress-expiry.ts';
import { equalBytes, toHex } from '../bytes.ts';
import { encodeCbor } from '../cbor.ts';
import { forbidden, badRequest } from '../http-problem.ts';
import { cborReply, type HttpReply, type ServerContext } from '../server-context.ts';

type Path = readonly Uint8Array[];

const CANISTER_READABLE = new Set([
  'time',
  'subnet',
  'request_status',
  'canister',
  'api_boundary_nodes',
  'canister_ranges',
]);

/** `POST /api/v2|v3/canister/<ecid>/read_state`. */
export async function handleCanisterReadState(
  ctx: ServerContext,
  ecid: Principal,
  body: Uint8Array,
): Promise<HttpReply> {
  const { envelope, sender } = authenticate(ctx, body, ecid);
  const { paths } = envelope.content;
  for (const path of paths) {
    const top = name(path[0]);
    if (!CANISTER_READABLE.has(top)) {
      throw forbidden(
        'LOCALNET_HTTP_READ_STATE_PATH',
        `Path /${top} may not be read; allowed: /time, /subnet, /request_status/<id>, /canister/<id>/…`,
      );
    }
    if (top === 'request_status') checkRequestStatusPath(ctx, paths, path, sender, ecid);
    if (top === 'canister') checkCanisterPath(ctx, path, sender, ecid);
  }
  const certificate = await ctx.rounds.certificate(paths);
  return cborReply(200, encodeCbor({ certificate }));
}

/** `POST /api/v2|v3/subnet/<sid>/read_state`: time and the subnet's own facts only. */
export async function handleSubnetReadState(
  ctx: ServerContext,
  subnetId: Principal,
  body: Uint8Array,
): Promise<HttpReply> {
  if (subnetId.compareTo(ctx.certifier.identity.subnetId) !== 'eq') {
    throw badRequest(
      'LOCALNET_HTTP_UNKNOWN_SUBNET',
      `Subnet ${subnetId.toText()} is not part of this network; its only subnet is ${ctx.certifier.identity.subnetId.toText()}`,
    );
  }
  const { envelope } = authenticate(ctx, body, undefined);
  for (const path of envelope.content.paths) {
    const top = name(path[0]);
    if (top !== 'time' && top !== 'subnet' && top !== 'canister_ranges') {
      throw forbidden(
        'LOCALNET_HTTP_READ_STATE_PATH',
        `Path /${top} may not be read from a subnet; allowed: /time, /subnet, /canister_ranges`,
      );
    }
  }
  const certificate = await ctx.rounds.certificate(envelope.content.paths);
  return cborReply(200, encodeCbor({ certificate }));
}

function authenticate(ctx: ServerContext, body: Uint8Array, target: Principal | undefined) {
  const envelope: Envelope<ReadStateContent> = parseEnvelope(body, 'read_state');
  const nowNs = ctx.nowNs();
  if (!envelope.content.sender.isAnonymous())
    checkIngressExpiry(envelope.content.ingressExpiryNs, nowNs);
  const sender = authenticateSender(envelope, { nowNs, targetCanister: target });
  return { envelope, sender, nowNs };
}

/** Only the sender of a request may read its status, through the same effective canister id. */
function checkRequestStatusPath(
  ctx: ServerContext,
  all: readonly Path[],
  path: Path,
  sender: Principal,
  ecid: Principal,
) {
  const requestId = path[1];
  if (!requestId) {
    throw forbidden('LOCALNET_HTTP_READ_STATE_PATH', 'Path /request_status must name a request id');
  }
  if (requestId.length !== 32) {
    throw badRequest(
      'LOCALNET_HTTP_BAD_REQUEST_ID',
      `Invalid request id in paths: a request id is 32 bytes, this label has ${requestId.length}`,
    );
  }
  const others = all.filter(
    (p) => name(p[0]) === 'request_status' && p[1] && !equalBytes(p[1], requestId),
  );
  if (others.length > 0) {
    throw forbidden(
      'LOCALNET_HTTP_READ_STATE_PATH',
      'All /request_status paths of one read_state must name the same request id',
    );
  }
  const record = ctx.statuses.get(requestId);
  if (!record) return;
  if (
    record.sender.compareTo(sender) !== 'eq' ||
    record.effectiveCanisterId.compareTo(ecid) !== 'eq'
  ) {
    throw forbidden(
      'LOCALNET_HTTP_READ_STATE_FORBIDDEN',
      `Request ${toHex(requestId)} was sent by ${record.sender.toText()} to ${record.effectiveCanisterId.toText()}; ${sender.toText()} may not read its status through ${ecid.toText()}`,
    );
  }
}

/** Returns the metadata names the path asks for. */
function checkCanisterPath(
  ctx: ServerContext,
  path: Path,
  sender: Principal,
  ecid: Principal,
): string[] {
  const canisterId = path[1];
  if (!canisterId || !equalBytes(canisterId, ecid.toUint8Array())) {
    throw forbidden(
      'LOCALNET_HTTP_READ_STATE_PATH',
      `Only /canister/${ecid.toText()}/… may be read through effective canister id ${ecid.toText()}`,
    );
  }
  const field = path[2] ? name(path[2]) : undefined;
  if (field === 'module_hash' || field === 'controllers') return [];
  if (field === 'metadata' && path[3]) {
    const metadataName = name(path[3]);
    const entry = ctx.backend.canister(ecid)?.metadata(metadataName);
    const isController = ctx.backend
      .canister(ecid)
      ?.controllers.some((c) => c.compareTo(sender) === 'eq');
    if (entry?.visibility === 'private' && !isController) {
      throw forbidden(
        'LOCALNET_HTTP_READ_STATE_FORBIDDEN',
        `Metadata ${metadataName} of ${ecid.toText()} is private: only controllers may read it`,
      );
    }
    return [metadataName];
  }
  throw forbidden(
    'LOCALNET_HTTP_READ_STATE_PATH',
    `Path /canister/<id>/${field ?? ''} may not be read; allowed: module_hash, controllers, metadata/<name>`,
  );
}

function name(label: Uint8Array | undefined): string {
  if (!label) return '';
  try {
    return bytesToUtf8(label);
  } catch {
    return toHex(label);
  }
}
