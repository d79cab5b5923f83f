import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import {
  type BackupProbe,
  backupProbeIdlFactory,
  type ProbeRecord,
  type Reply,
} from './fixtures/backup-probe-idl.ts';
import { buildPluginFixture } from './fixtures/build-fixture.ts';
import { fixtureRecord } from './fixtures/plugins/records/plugin.ts';
import { downloadBackup, type DownloadedBackup } from './backup-transfer.ts';
import { decodeEntries } from './index.ts';

const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));
const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(41));
const stranger = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(42));
const STORES = ['people', 'events', 'tags'];
const PER_STORE = [8000, 7000, 5000]; // 20,000 records in all
const BATCH = 2500;
const noArgs = new Uint8Array(IDL.encode([], []));

let network: LocalNetwork;
let probe: Actor<BackupProbe>;
let wasm: string;
let canisterId: Awaited<ReturnType<LocalNetwork['setupCanister']>>['canisterId'];

function ok<T>(reply: Reply<T>): T {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}
const errCode = (reply: Reply<unknown>) => ('Err' in reply ? reply.Err.code : 'Ok');

const record = (store: string, i: number): ProbeRecord => fixtureRecord(store, i);

/** Every stored key and value, byte for byte, as core's STORES exporter reads them. */
async function rawEntries(store: string): Promise<[string, string][]> {
  const all: [string, string][] = [];
  for (;;) {
    const page = decodeEntries(Uint8Array.from(ok(await probe.dump_raw(store, all.length, 4000))));
    all.push(
      ...page.map(
        ([k, v]) =>
          [Buffer.from(k).toString('hex'), Buffer.from(v).toString('hex')] as [string, string],
      ),
    );
    if (page.length < 4000) return all;
  }
}

beforeAll(async () => {
  wasm = await buildPluginFixture(fixturesDir, 'backup_probe');
  network = await LocalNetwork.create();
  const setup = await network.setupCanister<BackupProbe>({
    idlFactory: backupProbeIdlFactory,
    wasm,
    arg: noArgs,
    sender: controller.getPrincipal(),
  });
  probe = setup.actor;
  canisterId = setup.canisterId;
  probe.setIdentity(controller);
});

afterAll(async () => {
  await network?.tearDown();
});

describe('backup plugin on localnet (backup_probe fixture)', () => {
  let before: Map<string, [string, string][]>;
  let exported: DownloadedBackup;

  it('fills 20,000 records across three stores and counts the writes', async () => {
    const started = Date.now();
    for (const [s, store] of STORES.entries()) {
      for (let from = 0; from < PER_STORE[s]!; from += BATCH) {
        ok(await probe.seed_records(store, from, Math.min(BATCH, PER_STORE[s]! - from)));
      }
    }
    console.log(`fill: 20,000 records in ${Date.now() - started} ms`);
    expect(await probe.record_counts()).toEqual(STORES.map((s, i) => [s, PER_STORE[i]]));
    const status = ok(await probe.backup_status());
    expect(status.changes_since_backup).toBe(
      BigInt(Math.ceil(8000 / BATCH) + Math.ceil(7000 / BATCH) + Math.ceil(5000 / BATCH)),
    );
    expect(status.due).toBe(true);
    expect(status.stores).toEqual(STORES.map((s) => `records/${s}`));
    const sample = ok(await probe.read_records('events', 6900, 100));
    expect(sample).toEqual(
      Array.from({ length: 100 }, (_, k) => [BigInt(6900 + k), record('events', 6900 + k)]),
    );
    before = new Map();
    for (const store of STORES) before.set(store, await rawEntries(store));
    expect([...before.values()].map((entries) => entries.length)).toEqual(PER_STORE);
  });

  it('refuses strangers', async () => {
    probe.setIdentity(stranger);
    expect(errCode(await probe.backup_plan())).toBe('BACKUP_FORBIDDEN');
    expect(errCode(await probe.backup_import_abort())).toBe('BACKUP_FORBIDDEN');
    probe.setIdentity(controller);
  });

  it('exports hashed chunks of at most maxChunkBytes and confirms the backup', async () => {
    const started = Date.now();
    // downloadBackup checks each chunk's size and sha256 against the plan and seals the manifest.
    exported = await downloadBackup(probe);
    const { manifest } = exported;
    console.log(
      `export: ${manifest.chunks.length} chunks, ${manifest.stores.reduce((n, s) => n + s.bytes, 0n)} bytes in ${Date.now() - started} ms`,
    );
    expect(manifest.stores.map((s) => [s.name, s.count])).toEqual(
      STORES.map((s, i) => [`records/${s}`, BigInt(PER_STORE[i]!)]),
    );
    expect(manifest.chunks.length).toBeGreaterThan(3);
    expect(Math.max(...manifest.chunks.map((c) => c.bytes))).toBeLessThanOrEqual(131072);
    ok(await probe.backup_confirm(manifest));
    const status = ok(await probe.backup_status());
    expect(status.changes_since_backup).toBe(0n);
    expect(status.last_digest).toEqual([manifest.digest]);
    expect(status.due).toBe(false);
  });

  it('refuses to confirm a manifest planned before later writes', async () => {
    ok(await probe.put_records('tags', [[99_999n, record('tags', 99_999)]]));
    expect(errCode(await probe.backup_confirm(exported.manifest))).toBe('BACKUP_STALE');
    expect(ok(await probe.backup_status()).changes_since_backup).toBe(1n);
  });

  it('after a wipe, refuses a corrupted chunk and a tampered manifest, writing nothing', async () => {
    await network.reinstallCode({
      canisterId,
      wasm,
      arg: noArgs,
      sender: controller.getPrincipal(),
    });
    expect(await probe.record_counts()).toEqual(STORES.map((s) => [s, 0]));
    const { manifest, chunks } = exported;

    const tampered = {
      ...manifest,
      chunks: manifest.chunks.map((c, i) => (i === 1 ? { ...c, sha256: '0'.repeat(64) } : c)),
    };
    expect(errCode(await probe.backup_import_begin(tampered))).toBe('BACKUP_MANIFEST_INVALID');
    expect(errCode(await probe.backup_import_chunk(0, chunks[0]!))).toBe('BACKUP_NO_IMPORT');

    ok(await probe.backup_import_begin(manifest));
    const corrupted = Uint8Array.from(chunks[1]!);
    corrupted[corrupted.length - 3]! ^= 0xff;
    expect(errCode(await probe.backup_import_chunk(1, corrupted))).toBe('BACKUP_CHUNK_CORRUPT');
    expect(errCode(await probe.backup_import_chunk(1, chunks[1]!.subarray(1)))).toBe(
      'BACKUP_CHUNK_CORRUPT',
    );
    ok(await probe.backup_import_chunk(0, chunks[0]!));
    expect(errCode(await probe.backup_import_commit())).toBe('BACKUP_CHUNK_MISSING');
    expect(await probe.record_counts()).toEqual(STORES.map((s) => [s, 0]));
  });

  it('imports every chunk all at once and restores every record exactly', async () => {
    const { manifest, chunks } = exported;
    const started = Date.now();
    for (const [i, data] of chunks.entries()) {
      const progress = ok(await probe.backup_import_chunk(i, data));
      expect(progress.total).toBe(chunks.length);
    }
    const steps = [];
    for (;;) {
      steps.push(ok(await probe.backup_import_commit()));
      if (steps.at(-1)!.done) break;
      // Until the swap the stores are untouched and the canister serves backup calls only.
      if (steps.at(-1)!.stores === 0) {
        expect(errCode(await probe.put_records('tags', []))).toBe('BACKUP_RESTORING');
      }
    }
    expect(steps.at(-1)).toEqual({ stores: 3, entries: 20_000, done: true });
    // Bounded steps: at most 2,000 entries each.
    expect(steps.length).toBeGreaterThanOrEqual(10);
    console.log(`import: ${chunks.length} chunks + commit in ${Date.now() - started} ms`);
    for (const store of STORES) {
      const after = await rawEntries(store);
      expect(after.length).toBe(before.get(store)!.length);
      expect(after).toEqual(before.get(store)); // every record, key and value byte for byte
    }
    for (const [s, store] of STORES.entries()) {
      const last = PER_STORE[s]! - 50;
      expect(ok(await probe.read_records(store, last, 50))).toEqual(
        Array.from({ length: 50 }, (_, k) => [BigInt(last + k), record(store, last + k)]),
      );
    }
    const status = ok(await probe.backup_status());
    expect(status.last_backup_at).toEqual([manifest.created_at]);
    expect(status.last_restore_at.length).toBe(1);
    expect(errCode(await probe.backup_import_commit())).toBe('BACKUP_NO_IMPORT');
  });

  it('shows the backup figures in metrics (through the BACKUP_STATUS token)', async () => {
    const snapshot = ok(await probe.get_metrics());
    expect(snapshot.backup.length).toBe(1);
    expect(snapshot.backup[0]!.changes_since_backup).toBe(0n);
    expect(snapshot.backup[0]!.last_backup_at).toEqual([exported.manifest.created_at]);
  });
});
