import {
  allow,
  caller,
  CanisterError,
  IDL,
  inject,
  Principal,
  query,
  update,
} from '../../core/index.ts';
import {
  CountResult,
  LinksInput,
  LinksResult,
  ProvisioningResult,
  WasmManifestInput,
} from './lb-idl.ts';
import { provisioningView } from './lb-views.ts';
import { LOAD_BALANCER } from './lb-token.ts';

const MAX_CAPACITY = 1_000_000_000n;

interface LinksArg {
  registry: Principal;
  user_registry: Principal;
  group: string;
}

/** Deploy's side of provisioning (the calendar Wasm, the links) and its manual controls. Admin only. */
export class ProvisioningEndpoints {
  private readonly lb = inject(LOAD_BALANCER);

  /** Declares the next shard Wasm: its SHA-256 and each chunk's; drops chunks uploaded before. */
  @update([WasmManifestInput], CountResult)
  @allow('admin')
  begin_shard_wasm(manifest: { module_hash: Uint8Array; chunk_hashes: Uint8Array[] }) {
    this.lb.wasm.begin({
      moduleHash: Uint8Array.from(manifest.module_hash),
      chunkHashes: manifest.chunk_hashes.map((h) => Uint8Array.from(h)),
      uploadedBy: caller().toText(),
    });
    return manifest.chunk_hashes.length;
  }

  /** One chunk (at most 1 MiB); returns how many chunks are uploaded. */
  @update([IDL.Nat32, IDL.Vec(IDL.Nat8)], CountResult)
  @allow('admin')
  upload_shard_wasm_chunk(index: number, chunk: Uint8Array) {
    return this.lb.wasm.put(index, Uint8Array.from(chunk));
  }

  @update([LinksInput], LinksResult)
  @allow('admin')
  configure_provisioning(links: LinksArg) {
    this.lb.provisioner.configure({
      registry: links.registry.toText(),
      userRegistry: links.user_registry.toText(),
      group: links.group,
    });
    return links;
  }

  @query([], IDL.Opt(LinksInput))
  @allow('public')
  get_provisioning_links() {
    const links = this.lb.provisioner.links();
    if (links === undefined) return [];
    return [
      {
        registry: Principal.fromText(links.registry),
        user_registry: Principal.fromText(links.userRegistry),
        group: links.group,
      },
    ];
  }

  /** Overrides canister.yaml's capacity.usersPerShard (none: never provision by threshold). */
  @update([IDL.Opt(IDL.Nat64)], ProvisioningResult)
  @allow('admin')
  set_capacity_threshold(users: [] | [bigint]) {
    const [wanted] = users;
    // Stored as a number: a nat64 past 2^53 would come back rounded, 2^64 - 1 as 2^64.
    if (wanted !== undefined && (wanted < 1n || wanted > MAX_CAPACITY)) {
      throw new CanisterError('LB_INVALID_CAPACITY', `${wanted} users per shard`, {
        expected: `1 to ${MAX_CAPACITY}`,
        found: String(wanted),
      });
    }
    this.lb.provisioner.setThreshold(wanted === undefined ? undefined : Number(wanted));
    this.lb.provisioner.startIfFull();
    return provisioningView(this.lb.provisioner.current());
  }

  /** Starts provisioning a shard now, whatever the threshold. */
  @update([], ProvisioningResult)
  @allow('admin')
  provision_shard() {
    return provisioningView(this.lb.provisioner.start('requested by an admin'));
  }

  /** Runs the next provisioning step now (the timer does the same every `stepEvery`). */
  @update([], ProvisioningResult)
  @allow('admin')
  async advance_provisioning() {
    return provisioningView(await this.lb.provisioner.step());
  }
}
