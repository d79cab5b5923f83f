import { Actor, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';

import { agentControllerAccess } from './backup-wiring.ts';
import { loadBalancerActor } from './load-balancer-actor.ts';
import { type Reply, unwrap } from './registry-actor.ts';

export const LOAD_BALANCER_TYPE = 'load_balancer';
export const CALENDAR_TYPE = 'calendar';
const CHUNK_BYTES = 1024 * 1024;
const DEFAULT_WEIGHT = 100;

export interface WiringRequest {
  agent: HttpAgent;
  canisters: { id: string; type: string; group?: string | undefined }[];
  /** The built calendar Wasm the load balancer installs on shards it provisions. */
  calendarWasm: Uint8Array;
}

interface AdminActor {
  auth_list_admins(): Promise<Reply<{ principal: Principal }[]>>;
  auth_grant_admin(principal: Principal): Promise<Reply<boolean>>;
}

const adminIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
  const Err = I.Record({ code: I.Text, message: I.Text });
  return I.Service({
    auth_list_admins: I.Func(
      [],
      [I.Variant({ Ok: I.Vec(I.Record({ principal: I.Principal })), Err })],
      ['query'],
    ),
    auth_grant_admin: I.Func([I.Principal], [I.Variant({ Ok: I.Bool, Err })], []),
  });
};

/**
 * Deploy's load balancer step, idempotent (only differences are written): every deployed calendar
 * shard is a shard of the load balancer; the load balancer is an admin of the registry, the user
 * registry and each shard (polling reads shard metrics) and a controller of the registry and the
 * user registry (provisioning registers and links new shards: controller-only trust pointers); it knows where to register and link; and it holds the calendar Wasm, uploaded in
 * 1 MiB chunks with their SHA-256, again whenever the Wasm changed. Returns one line per write.
 */
export async function wireLoadBalancer(request: WiringRequest): Promise<string[]> {
  const { agent, canisters } = request;
  const lbEntry = canisters.find((c) => c.type === LOAD_BALANCER_TYPE);
  if (lbEntry === undefined) return [];
  const lbId = Principal.fromText(lbEntry.id);
  const lb = loadBalancerActor(agent, lbId);
  const written: string[] = [];
  const calendars = canisters.filter((c) => c.type === CALENDAR_TYPE);
  const registry = canisters.find((c) => c.type === 'registry');
  const userRegistry = canisters.find((c) => c.type === 'user_registry');

  for (const target of [registry, userRegistry, ...calendars]) {
    if (target === undefined) continue;
    const actor = Actor.createActor<AdminActor>(adminIdl, { agent, canisterId: target.id });
    const admins = unwrap(await actor.auth_list_admins(), `auth_list_admins on ${target.id}`);
    if (admins.some((a) => a.principal.toText() === lbEntry.id)) continue;
    unwrap(await actor.auth_grant_admin(lbId), `auth_grant_admin on ${target.id}`);
    written.push(`load balancer admin of ${target.type} ${target.id}`);
  }

  // Registering a new shard in its group and linking it with the user registry change trust
  // pointers, which only controllers may do: the load balancer controls those two canisters.
  const access = agentControllerAccess(agent);
  for (const target of [registry, userRegistry]) {
    if (target === undefined) continue;
    const canister = Principal.fromText(target.id);
    const controllers = await access.controllers(canister);
    if (controllers.some((c) => c.toText() === lbEntry.id)) continue;
    await access.setControllers(canister, [...controllers, lbId]);
    written.push(`load balancer controller of ${target.type} ${target.id}`);
  }

  const stats = await lb.get_load_balancer_stats();
  const known = new Set(stats.shards.map((s) => s.canister.toText()));
  for (const calendar of calendars) {
    if (known.has(calendar.id)) continue;
    unwrap(
      await lb.add_shard(Principal.fromText(calendar.id), DEFAULT_WEIGHT),
      `add_shard ${calendar.id}`,
    );
    written.push(`load balancer shard ${calendar.id}`);
  }

  if (registry !== undefined && userRegistry !== undefined) {
    const group = calendars[0]?.group ?? 'app';
    const current = (await lb.get_provisioning_links())[0];
    if (
      current?.registry.toText() !== registry.id ||
      current.user_registry.toText() !== userRegistry.id ||
      current.group !== group
    ) {
      unwrap(
        await lb.configure_provisioning({
          registry: Principal.fromText(registry.id),
          user_registry: Principal.fromText(userRegistry.id),
          group,
        }),
        'configure_provisioning',
      );
      written.push(`load balancer provisions into group ${group}`);
    }
  }

  const moduleHash = sha256(request.calendarWasm);
  const held = stats.shard_wasm;
  const same =
    held.module_hash[0] !== undefined &&
    Buffer.from(held.module_hash[0]).equals(Buffer.from(moduleHash)) &&
    held.uploaded === held.chunks;
  if (!same) {
    const chunks: Uint8Array[] = [];
    for (let at = 0; at < request.calendarWasm.length; at += CHUNK_BYTES) {
      chunks.push(request.calendarWasm.subarray(at, at + CHUNK_BYTES));
    }
    unwrap(
      await lb.begin_shard_wasm({
        module_hash: moduleHash,
        chunk_hashes: chunks.map((c) => sha256(c)),
      }),
      'begin_shard_wasm',
    );
    for (const [index, chunk] of chunks.entries()) {
      unwrap(await lb.upload_shard_wasm_chunk(index, chunk), `upload_shard_wasm_chunk ${index}`);
    }
    written.push(
      `load balancer holds calendar Wasm ${Buffer.from(moduleHash).toString('hex').slice(0, 12)}… (${chunks.length} chunks)`,
    );
  }
  return written;
}
