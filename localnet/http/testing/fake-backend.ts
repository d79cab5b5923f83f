import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import type {
  CallOutcome,
  CanisterCall,
  CanisterMetadata,
  CanisterView,
  InspectOutcome,
  IngressCall,
  NetworkBackend,
} from '../backend.ts';
import { freshBytes } from '../bytes.ts';

/**
 * TEST DOUBLE. An in-memory network whose "canisters" are JS functions, for testing
 * the HTTP layer without an execution engine. It is not an emulator of anything else.
 */
export interface FakeMethod {
  readonly kind: 'query' | 'update';
  /** Returns Candid reply bytes, or a full outcome to reject. */
  run(
    arg: Uint8Array,
    sender: Principal,
  ): Uint8Array | CallOutcome | Promise<Uint8Array | CallOutcome>;
}

export interface FakeCanister {
  readonly id: Principal;
  controllers: Principal[];
  module: Uint8Array | undefined;
  certifiedData: Uint8Array;
  readonly metadata: Map<string, CanisterMetadata>;
  readonly methods: Map<string, FakeMethod>;
  /** Refuses ingress when it returns false (a stand-in for `canister_inspect_message`). */
  inspect?: (methodName: string, sender: Principal) => boolean;
}

export class FakeBackend implements NetworkBackend {
  readonly canisters = new Map<string, FakeCanister>();
  /** Every ingress call the backend ran, in order (tests assert on it). */
  readonly ingressLog: IngressCall[] = [];
  /** Network time, moved freely by tests. */
  networkTimeNs = 1_700_000_000_000_000_000n;
  #nextIndex = 0;

  addCanister(fields: Partial<Omit<FakeCanister, 'id'>> & { id?: Principal } = {}): FakeCanister {
    const canister: FakeCanister = {
      id: fields.id ?? this.#nextCanisterId(),
      controllers: fields.controllers ?? [],
      module: fields.module ?? Uint8Array.of(0, 0x61, 0x73, 0x6d),
      certifiedData: fields.certifiedData ?? new Uint8Array(),
      metadata: fields.metadata ?? new Map(),
      methods: fields.methods ?? new Map(),
      inspect: fields.inspect,
    };
    this.canisters.set(canister.id.toText(), canister);
    return canister;
  }

  async submitIngress(call: IngressCall): Promise<CallOutcome> {
    this.ingressLog.push(call);
    if (call.canisterId.toUint8Array().length === 0) return this.#management(call);
    return this.#run(call, ['update', 'query']);
  }

  async query(call: CanisterCall): Promise<CallOutcome> {
    return this.#run(call, ['query']);
  }

  async inspectMessage(call: CanisterCall): Promise<InspectOutcome> {
    const canister = this.canisters.get(call.canisterId.toText());
    if (!canister?.inspect || canister.inspect(call.methodName, call.sender))
      return { accepted: true };
    return {
      accepted: false,
      status: 'rejected',
      rejectCode: 4,
      rejectMessage: `Canister ${call.canisterId.toText()} rejected the message`,
      errorCode: 'IC0406',
    };
  }

  canister(id: Principal): CanisterView | undefined {
    const canister = this.canisters.get(id.toText());
    if (!canister) return undefined;
    return {
      moduleHash: canister.module && sha256(canister.module),
      controllers: canister.controllers,
      certifiedData: canister.certifiedData,
      metadata: (name) => canister.metadata.get(name),
      metadataNames: () => [...canister.metadata.keys()],
    };
  }

  canisterIds(): Principal[] {
    return [...this.canisters.values()].map((canister) => canister.id);
  }

  timeNs(): bigint {
    return this.networkTimeNs;
  }

  async #run(call: CanisterCall, allowed: FakeMethod['kind'][]): Promise<CallOutcome> {
    const canister = this.canisters.get(call.canisterId.toText());
    const method = canister?.methods.get(call.methodName);
    if (!method || !allowed.includes(method.kind)) {
      return reject(
        5,
        'IC0536',
        `Canister ${call.canisterId.toText()} has no ${allowed[0]} method '${call.methodName}'`,
      );
    }
    const result = await method.run(freshBytes(call.arg), call.sender);
    return result instanceof Uint8Array ? { status: 'replied', reply: result } : result;
  }

  #management(call: IngressCall): CallOutcome {
    if (call.methodName === 'provisional_create_canister_with_cycles') {
      const created = this.addCanister({ controllers: [call.sender], module: undefined });
      return {
        status: 'replied',
        reply: IDL.encode(
          [IDL.Record({ canister_id: IDL.Principal })],
          [{ canister_id: created.id }],
        ),
      };
    }
    return reject(
      4,
      'IC0407',
      `The fake backend does not implement ic00 method ${call.methodName}`,
    );
  }

  #nextCanisterId(): Principal {
    // The local application range used by dfx/PocketIC starts at 0x80000000001…
    const bytes = new Uint8Array(10);
    new DataView(bytes.buffer).setBigUint64(0, 0x8000000000100000n + BigInt(this.#nextIndex++));
    bytes[8] = 1;
    bytes[9] = 1;
    return Principal.fromUint8Array(bytes);
  }
}

function reject(rejectCode: 4 | 5, errorCode: string, rejectMessage: string): CallOutcome {
  return { status: 'rejected', rejectCode, rejectMessage, errorCode };
}
