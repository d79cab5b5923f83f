import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';

/**
 * Deploy's backup wiring (one call site in deploy): makes the backup canister a controller of
 * every canister it protects, uploads each protected type's Wasm (what a recovery installs) and
 * registers each canister with it. Only differences are written: a second run makes no change.
 * Also `backupBeforeUpgrade`, which a safe upgrade calls first.
 */
type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };
interface WasmView {
  kind: string;
  module_hash: string;
  complete: boolean;
}

export interface BackupCanisterActor {
  protect(input: {
    canister: Principal;
    kind: string;
    group: [] | [string];
    shard: [] | [string];
  }): Promise<Reply<unknown>>;
  list_protected(): Promise<{ canister: Principal; kind: string }[]>;
  list_wasm(): Promise<WasmView[]>;
  upload_wasm_chunk(kind: string, index: number, data: Uint8Array): Promise<Reply<WasmView>>;
  commit_wasm(kind: string, moduleHash: string): Promise<Reply<WasmView>>;
  backup_now(
    canister: Principal,
  ): Promise<Reply<{ version: [] | [bigint]; snapshot: [] | [bigint] }>>;
}

export interface ControllerAccess {
  controllers(canister: Principal): Promise<Principal[]>;
  setControllers(canister: Principal, controllers: Principal[]): Promise<void>;
}

export interface ProtectedEntry {
  id: string;
  type: string;
  group?: string;
  shard?: string;
  /** The type's module (what a recovery installs). */
  wasm: Uint8Array;
}

/** The backup canister's upload_wasm_chunk takes at most 1 MiB (the IC's chunk store limit). */
const WASM_CHUNK = 1_048_576;
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function ok<T>(reply: Reply<T>, what: string): T {
  if ('Err' in reply) throw new Error(`${what}: ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}

export async function protectWithBackup(request: {
  backup: BackupCanisterActor;
  backupId: Principal;
  canisters: ProtectedEntry[];
  access: ControllerAccess;
}): Promise<string[]> {
  const { backup, backupId, access } = request;
  const written: string[] = [];
  const known = new Map((await backup.list_protected()).map((p) => [p.canister.toText(), p.kind]));
  const modules = new Map((await backup.list_wasm()).map((w) => [w.kind, w]));
  for (const entry of request.canisters) {
    const id = Principal.fromText(entry.id);
    const controllers = await access.controllers(id);
    if (!controllers.some((c) => c.toText() === backupId.toText())) {
      await access.setControllers(id, [...controllers, backupId]);
      written.push(`${entry.type} ${entry.id}: backup canister added as a controller`);
    }
    const moduleHash = hex(sha256(entry.wasm));
    const stored = modules.get(entry.type);
    if (stored?.module_hash !== moduleHash || !stored.complete) {
      for (let index = 0; index * WASM_CHUNK < entry.wasm.length; index++) {
        const chunk = entry.wasm.subarray(index * WASM_CHUNK, (index + 1) * WASM_CHUNK);
        ok(await backup.upload_wasm_chunk(entry.type, index, chunk), 'upload_wasm_chunk');
      }
      ok(await backup.commit_wasm(entry.type, moduleHash), 'commit_wasm');
      modules.set(entry.type, { kind: entry.type, module_hash: moduleHash, complete: true });
      written.push(`${entry.type}: Wasm ${moduleHash.slice(0, 12)}… stored for recoveries`);
    }
    if (known.get(entry.id) !== entry.type) {
      ok(
        await backup.protect({
          canister: id,
          kind: entry.type,
          group: entry.group === undefined ? [] : [entry.group],
          shard: entry.shard === undefined ? [] : [entry.shard],
        }),
        `protect ${entry.id}`,
      );
      written.push(`${entry.type} ${entry.id}: protected`);
    }
  }
  return written;
}

/** A safe upgrade's first step: an export (and a snapshot when the policy keeps any); its version id. */
export async function backupBeforeUpgrade(
  backup: BackupCanisterActor,
  canister: Principal,
): Promise<bigint> {
  const taken = ok(await backup.backup_now(canister), `backup_now ${canister.toText()}`);
  return taken.version[0]!;
}
