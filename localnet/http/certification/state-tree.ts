import type { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { CanisterView, CallOutcome } from '../backend.ts';
import { encodeCbor } from '../cbor.ts';
import { encodeLeb128 } from '../request-id.ts';
import { leafNode, node, type LabeledChild, type LabeledTree } from './labeled-tree.ts';

/** Where an ingress message stands (spec "Request status"). */
export type RequestState = { readonly status: 'received' | 'processing' } | CallOutcome;

export interface SubnetFacts {
  readonly subnetId: Principal;
  readonly rootKeyDer: Uint8Array;
  readonly canisterRanges: ReadonlyArray<readonly [Principal, Principal]>;
  readonly nodeId: Principal;
  readonly nodeKeyDer: Uint8Array;
}

export interface CanisterFacts {
  readonly id: Principal;
  readonly view: CanisterView;
  /** The metadata names to include (those that exist are certified, the rest proven absent). */
  readonly metadataNames: readonly string[];
}

/** The part of the state tree a response is about; other parts of the network are left out. */
export interface StateTreeInput {
  readonly timeNs: bigint;
  /** The `request_status` level: every request's `requestStatusTree` by request id. */
  readonly requestStatuses?: LabeledTree;
  readonly canisters?: readonly CanisterFacts[];
  readonly subnet?: SubnetFacts;
}

const label = utf8ToBytes;

export function buildStateTree(input: StateTreeInput): LabeledTree {
  const top: LabeledChild[] = [[label('time'), leafNode(encodeLeb128(input.timeNs))]];
  if (input.requestStatuses) top.push([label('request_status'), input.requestStatuses]);
  if (input.canisters) top.push([label('canister'), node(input.canisters.map(canisterChild))]);
  if (input.subnet) top.push([label('subnet'), node([subnetChild(input.subnet)])]);
  return node(top);
}

/** The subtree under `/request_status/<id>` for a request in `state`. */
export function requestStatusTree(state: RequestState): LabeledTree {
  const fields: LabeledChild[] = [[label('status'), leafNode(label(state.status))]];
  if (state.status === 'replied') fields.push([label('reply'), leafNode(state.reply)]);
  if (state.status === 'rejected') {
    fields.push([label('reject_code'), leafNode(encodeLeb128(state.rejectCode))]);
    fields.push([label('reject_message'), leafNode(label(state.rejectMessage))]);
    if (state.errorCode !== undefined) {
      fields.push([label('error_code'), leafNode(label(state.errorCode))]);
    }
  }
  return node(fields);
}

function canisterChild({ id, view, metadataNames }: CanisterFacts): LabeledChild {
  const controllers = encodeCbor(view.controllers.map((p) => p.toUint8Array()));
  const fields: LabeledChild[] = [
    [label('certified_data'), leafNode(view.certifiedData)],
    [label('controllers'), leafNode(controllers)],
  ];
  if (view.moduleHash) fields.push([label('module_hash'), leafNode(view.moduleHash)]);
  const metadata: LabeledChild[] = [];
  for (const name of new Set(metadataNames)) {
    const entry = view.metadata(name);
    if (entry) metadata.push([label(name), leafNode(entry.content)]);
  }
  fields.push([label('metadata'), node(metadata)]);
  return [id.toUint8Array(), node(fields)];
}

function subnetChild(subnet: SubnetFacts): LabeledChild {
  const ranges = encodeCbor(
    subnet.canisterRanges.map(([a, b]) => [a.toUint8Array(), b.toUint8Array()]),
  );
  const nodeEntry: LabeledChild = [
    subnet.nodeId.toUint8Array(),
    node([[label('public_key'), leafNode(subnet.nodeKeyDer)]]),
  ];
  return [
    subnet.subnetId.toUint8Array(),
    node([
      [label('canister_ranges'), leafNode(ranges)],
      [label('node'), node([nodeEntry])],
      [label('public_key'), leafNode(subnet.rootKeyDer)],
    ]),
  ];
}
