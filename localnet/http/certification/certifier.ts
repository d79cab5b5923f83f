import { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { NetworkKeys, NetworkIdentity } from '../keys.ts';
import { encodeCbor } from '../cbor.ts';
import { signCertificate, signStateRoot } from './certificate-signer.ts';
import { pruneToPaths, subtreeHash, type LabeledTree, type TreePath } from './labeled-tree.ts';
import { buildStateTree, type StateTreeInput, type SubnetFacts } from './state-tree.ts';
import type { CanisterView } from '../backend.ts';

/** Every 10-byte canister id; used when the backend does not say which ranges it hosts. */
export const WHOLE_CANISTER_ID_SPACE: ReadonlyArray<readonly [Principal, Principal]> = [
  [
    Principal.fromUint8Array(new Uint8Array(10)),
    Principal.fromUint8Array(new Uint8Array(10).fill(0xff)),
  ],
];

export interface SignedTree {
  readonly tree: LabeledTree;
  readonly signature: Uint8Array;
}

/** Builds, prunes and signs certificates for one network. */
export class Certifier {
  constructor(
    private readonly keys: NetworkKeys,
    readonly identity: NetworkIdentity,
  ) {}

  subnetFacts(canisterRanges = WHOLE_CANISTER_ID_SPACE): SubnetFacts {
    const { subnetId, rootKeyDer, nodeId, nodeKeyDer } = this.identity;
    return { subnetId, rootKeyDer, canisterRanges, nodeId, nodeKeyDer };
  }

  /** A certificate revealing `paths` (and `/time`, always) of the given state. */
  certify(state: StateTreeInput, paths: readonly TreePath[]): Uint8Array {
    const tree = pruneToPaths(buildStateTree(state), [[utf8ToBytes('time')], ...paths]);
    return signCertificate(tree, this.keys.rootSecretKey);
  }

  /** Signs a whole state tree once; `reveal` then prunes it for each response, signature kept. */
  signTree(state: StateTreeInput): SignedTree {
    const tree = buildStateTree(state);
    return { tree, signature: signStateRoot(subtreeHash(tree), this.keys.rootSecretKey) };
  }

  /** A certificate revealing `paths` (and `/time`) of a tree signed by `signTree`. */
  reveal(signed: SignedTree, paths: readonly TreePath[]): Uint8Array {
    const tree = pruneToPaths(signed.tree, [[utf8ToBytes('time')], ...paths]);
    return encodeCbor({ tree, signature: signed.signature });
  }

  /**
   * The data certificate a canister reads in a non-replicated query
   * (`ic0.data_certificate_copy`): `/canister/<id>/certified_data` and `/time`.
   */
  dataCertificate(canisterId: Principal, certifiedData: Uint8Array, timeNs: bigint): Uint8Array {
    const view: CanisterView = {
      moduleHash: undefined,
      controllers: [],
      certifiedData,
      metadata: () => undefined,
    };
    const path = [
      utf8ToBytes('canister'),
      canisterId.toUint8Array(),
      utf8ToBytes('certified_data'),
    ];
    return this.certify({ timeNs, canisters: [{ id: canisterId, view, metadataNames: [] }] }, [
      path,
    ]);
  }
}
