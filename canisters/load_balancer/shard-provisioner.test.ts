import { describe, expect, it } from 'vitest';

import { Principal } from '@dfinity/principal';

import type { InterCanisterCall, StableStore } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import { StableStore as Store } from '../../core/stores/stable-store.ts';
import { resolveSettings } from '../../plugins/balancing/index.ts';
import type { PlacementRecord, ShardRecord } from './lb-model.ts';
import { ShardDirectory } from './shard-directory.ts';
import { ShardProvisioner } from './shard-provisioner.ts';
import { ShardWasm } from './shard-wasm.ts';

const REGISTRY = 'rrkah-fqaaa-aaaaa-aaaaq-cai';
const USER_REGISTRY = 'ryjl3-tyaaa-aaaaa-aaaba-cai';
const NEW_SHARD = 'r7inp-6aaaa-aaaaa-aaabq-cai';
const hashOf = (byte: number) => new Uint8Array(32).fill(byte);

function store<V>(
  platform: MemoryPlatform,
  id: number,
  indexes?: Record<string, (v: V) => unknown>,
): StableStore<V> {
  const s = new Store<V>(`test/s${id}`, { name: `s${id}`, ...(indexes ? { indexes } : {}) });
  const indexMaps = new Map(
    Object.keys(indexes ?? {}).map((name, i) => [name, platform.stableMap(100 + id * 4 + i)]),
  );
  s.attach(platform.stableMap(id), indexMaps);
  return s;
}

function setup() {
  const platform = new MemoryPlatform();
  const settings = resolveSettings({ capacity: { usersPerShard: 2 } });
  const meta = store<unknown>(platform, 1);
  const directory = new ShardDirectory(
    {
      shards: store<ShardRecord>(platform, 2, { canister: (s) => s.canister }),
      placements: store<PlacementRecord>(platform, 3),
      meta,
    },
    settings,
    () => platform.time(),
  );
  const wasm = new ShardWasm(store<Uint8Array>(platform, 4), meta);
  const provisioner = new ShardProvisioner(platform, directory, wasm, meta, settings);
  const log: string[] = [];
  let installedHash: Uint8Array | undefined;
  let created = 0;
  platform.calls.set('aaaaa-aa', (method: string, request: InterCanisterCall) => {
    log.push(`management.${method}`);
    const arg = request.args[0] as Record<string, unknown>;
    switch (method) {
      case 'create_canister':
        created += 1;
        expect(request.cycles).toBe(settings.provisionCycles);
        return { canister_id: Principal.fromText(NEW_SHARD) };
      case 'canister_status':
        return { module_hash: installedHash ? [installedHash] : [] };
      case 'upload_chunk':
        return { hash: hashOf((arg.chunk as Uint8Array)[0]!) };
      case 'install_chunked_code':
        installedHash = arg.wasm_module_hash as Uint8Array;
        return undefined;
    }
    throw new Error(method);
  });
  const members = new Set<string>();
  platform.calls.set(REGISTRY, (method: string, request: InterCanisterCall) => {
    log.push(`registry.${method}`);
    const canister = (request.args[0] as { canister: Principal }).canister.toText();
    if (members.has(canister)) return { Err: { code: 'REGISTRY_ALREADY_MEMBER', message: '' } };
    members.add(canister);
    return { Ok: { canister } };
  });
  let calendars: Principal[] = [];
  platform.calls.set(USER_REGISTRY, (method: string, request: InterCanisterCall) => {
    log.push(`user_registry.${method}`);
    if (method === 'get_calendar_canisters') return calendars;
    calendars = request.args[0] as Principal[];
    return { Ok: calendars };
  });
  platform.calls.set(NEW_SHARD, (method: string, request: InterCanisterCall) => {
    log.push(`shard.${method}`);
    return { Ok: request.args[0] ?? null };
  });
  provisioner.configure({ registry: REGISTRY, userRegistry: USER_REGISTRY, group: 'app' });
  wasm.begin({ moduleHash: hashOf(9), chunkHashes: [hashOf(1), hashOf(2)], uploadedBy: REGISTRY });
  return {
    platform,
    directory,
    wasm,
    provisioner,
    log,
    count: () => ({ created, calendars, members }),
  };
}

describe('shard provisioning', () => {
  it('starts when every active shard is full, and not before the Wasm is complete', () => {
    const { directory, provisioner, wasm } = setup();
    directory.addShard(REGISTRY, 100);
    directory.assign('a');
    directory.assign('b');
    provisioner.startIfFull();
    expect(provisioner.current()).toBeUndefined();
    wasm.put(0, Uint8Array.of(1, 0));
    wasm.put(1, Uint8Array.of(2, 0));
    provisioner.startIfFull();
    expect(provisioner.current()).toMatchObject({ step: 'create', key: '1' });
    expect(() => provisioner.start('again')).toThrow(/in progress/);
  });

  it('runs create, install, register, link, activate; a repeated step does nothing twice', async () => {
    const { provisioner, wasm, directory, log, count } = setup();
    wasm.put(0, Uint8Array.of(1, 0));
    wasm.put(1, Uint8Array.of(2, 0));
    provisioner.start('by hand');
    expect((await provisioner.step())?.step).toBe('install');
    expect((await provisioner.step())?.step).toBe('register');
    expect(log.filter((l) => l.startsWith('management.'))).toEqual([
      'management.create_canister',
      'management.canister_status',
      'management.upload_chunk',
      'management.upload_chunk',
      'management.install_chunked_code',
    ]);
    expect((await provisioner.step())?.step).toBe('link');
    expect((await provisioner.step())?.step).toBe('activate');
    expect(await provisioner.step()).toBeUndefined();
    expect(directory.shards().map((c) => c.id)).toEqual([NEW_SHARD]);
    expect(count().created).toBe(1);
    expect(count().calendars.map((p) => p.toText())).toEqual([NEW_SHARD]);
    expect(provisioner.history()).toEqual([NEW_SHARD]);
  });

  it('resumes a step after a failure, and skips an install whose module hash already matches', async () => {
    const { provisioner, wasm, log, count } = setup();
    wasm.put(0, Uint8Array.of(1, 0));
    wasm.put(1, Uint8Array.of(7, 0)); // the IC will report a hash other than the declared one
    provisioner.start('by hand');
    await provisioner.step();
    const failed = await provisioner.step();
    expect(failed).toMatchObject({ step: 'install', attempts: 1 });
    expect(failed?.lastError).toMatch(/LB_WASM_INVALID|chunk 1 hash/);
    wasm.put(1, Uint8Array.of(2, 0));
    expect((await provisioner.step())?.step).toBe('register');
    // A retried install after the module is in place (e.g. a trap after install_chunked_code) uploads nothing.
    const uploads = log.filter((l) => l === 'management.upload_chunk').length;
    const again = provisioner as unknown as { install(c: string): Promise<void> };
    await again.install(NEW_SHARD);
    expect(log.filter((l) => l === 'management.upload_chunk').length).toBe(uploads);
    expect(count().created).toBe(1);
  });
});
