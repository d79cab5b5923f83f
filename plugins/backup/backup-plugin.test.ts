import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../core/testing/azle-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister, HEALTH_CHECKS } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import records, { fixtureRecord } from './fixtures/plugins/records/index.ts';
import { downloadBackup, restoreBackup, type BackupActor } from './backup-transfer.ts';
import backup, { type BackupManifest, sealManifest, sha256Hex } from './index.ts';

const admin = Principal.fromUint8Array(new Uint8Array([1]));
const backupService = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const stranger = Principal.fromUint8Array(new Uint8Array([3]));

type Api = Record<string, (...args: unknown[]) => unknown>;
type Reply<T = unknown> = { Ok?: T; Err?: { code: string } };

function boot(
  platform: MemoryPlatform,
  options: Record<string, unknown> = {},
  running?: ReturnType<typeof composeCanister>,
) {
  const canister =
    running ??
    composeCanister(
      {
        name: 'probe',
        plugins: [
          records,
          [
            backup,
            {
              maxChunkBytes: 2048,
              dueAfterWrites: 3,
              maxAge: '1h',
              backupPrincipals: [backupService.toText()],
              ...options,
            },
          ],
        ],
      },
      platform,
    );
  if (running === undefined) canister.init();
  const api: Api = {};
  for (const cls of canister.classes) {
    const instance = new cls() as Api;
    for (const name of Object.getOwnPropertyNames(cls.prototype)) {
      if (name !== 'constructor')
        api[name] = (...args) => (instance[name] as (...a: unknown[]) => unknown)(...args);
    }
  }
  const call = <T>(who: Principal, method: string, ...args: unknown[]) =>
    platform.as(who, () => api[method]!(...args)) as Reply<T>;
  return { canister, call };
}

/** seed_records in batches the fixture accepts. */
function seed(call: ReturnType<typeof boot>['call'], store: string, count: number) {
  for (let from = 0; from < count; from += 500) {
    ok(call(admin, 'seed_records', store, from, Math.min(500, count - from)));
  }
}

function ok<T>(reply: Reply<T>): T {
  if (reply.Err !== undefined) throw new Error(`expected Ok, got ${reply.Err.code}`);
  return reply.Ok as T;
}

function exportAll(call: ReturnType<typeof boot>['call'], who = admin) {
  const plan = ok(call<Parameters<typeof sealManifest>[0]>(who, 'backup_plan'));
  const chunks = plan.chunks.map((c) =>
    ok(call<{ data: Uint8Array; sha256: string }>(who, 'backup_export_chunk', c)),
  );
  return {
    manifest: sealManifest(
      plan,
      chunks.map((c) => c.sha256),
    ),
    chunks: chunks.map((c) => c.data),
  };
}

function platformWithAdmin(): MemoryPlatform {
  const platform = new MemoryPlatform();
  platform.controllers.push(admin);
  return platform;
}

describe('backup plugin (memory platform)', () => {
  it('exports every record store in hashed chunks and restores it into a wiped canister', () => {
    const { call } = boot(platformWithAdmin());
    ok(call(admin, 'seed_records', 'people', 0, 120));
    ok(call(admin, 'seed_records', 'events', 0, 30));
    const { manifest, chunks } = exportAll(call, backupService);
    expect(manifest.stores.map((s) => [s.name, s.count])).toEqual([
      ['records/people', 120n],
      ['records/events', 30n],
      ['records/tags', 0n],
    ]);
    expect(manifest.chunks.length).toBeGreaterThan(3);
    expect(Math.max(...manifest.chunks.map((c) => c.bytes))).toBeLessThanOrEqual(2048);

    const fresh = boot(platformWithAdmin()).call;
    ok(fresh(admin, 'seed_records', 'tags', 0, 4));
    ok(fresh(admin, 'backup_import_begin', manifest));
    chunks.forEach((data, i) => ok(fresh(admin, 'backup_import_chunk', i, data)));
    const step = ok(
      fresh<{ done: boolean; stores: number; entries: number }>(admin, 'backup_import_commit'),
    );
    expect(step).toEqual({ stores: 3, entries: 150, done: true });
    // The manifest's empty tags store replaced the four tags the fresh canister had.
    expect(fresh(admin, 'record_counts')).toEqual([
      ['people', 120],
      ['events', 30],
      ['tags', 0],
    ]);
    expect(ok(fresh(admin, 'seed_records', 'tags', 0, 1))).toBe(1);
    expect(ok(fresh<[bigint, unknown][]>(admin, 'read_records', 'people', 0, 200))).toEqual(
      Array.from({ length: 120 }, (_, i) => [BigInt(i), fixtureRecord('people', i)]),
    );
    expect(ok(fresh<{ last_backup_at: bigint[] }>(admin, 'backup_status')).last_backup_at).toEqual([
      manifest.created_at,
    ]);
  });

  it('commits a large import in bounded steps, refusing other calls until the swap', () => {
    const { call } = boot(platformWithAdmin());
    seed(call, 'people', 2_500);
    seed(call, 'events', 1_700);
    const { manifest, chunks } = exportAll(call);
    const fresh = boot(platformWithAdmin()).call;
    ok(fresh(admin, 'seed_records', 'events', 0, 3));
    ok(fresh(admin, 'backup_import_begin', manifest));
    chunks.forEach((data, i) => ok(fresh(admin, 'backup_import_chunk', i, data)));
    const steps: { done: boolean; stores: number; entries: number }[] = [];
    do {
      steps.push(ok(fresh(admin, 'backup_import_commit')));
      // Until the swap, the stores are untouched and only backup calls run.
      if (steps.at(-1)!.stores === 0) {
        expect(fresh(admin, 'seed_records', 'tags', 0, 1).Err?.code).toBe('BACKUP_RESTORING');
      }
    } while (!steps.at(-1)!.done);
    // At most COMMIT_ENTRIES (2,000) entries per step (the first also empties the shadows).
    const staged = steps.map((s, i) => s.entries - (steps[i - 1]?.entries ?? 0));
    expect(Math.max(...staged)).toBeLessThanOrEqual(2_000);
    expect(steps.length).toBe(3);
    expect(steps.at(-1)).toEqual({ stores: 3, entries: 4_200, done: true });
    expect(fresh(admin, 'record_counts')).toEqual([
      ['people', 2_500],
      ['events', 1_700],
      ['tags', 0],
    ]);
    expect(ok(fresh<[bigint, unknown][]>(admin, 'read_records', 'events', 1_690, 20))).toEqual(
      Array.from({ length: 10 }, (_, i) => [BigInt(1_690 + i), fixtureRecord('events', 1_690 + i)]),
    );
  });

  it('leaves the canister as it was when an import fails halfway or loses its session, then imports again', () => {
    const { call } = boot(platformWithAdmin());
    seed(call, 'people', 2_500);
    const { manifest, chunks } = exportAll(call);
    // The last chunk's first value no longer parses; resealed, so every hash still matches.
    const last = Uint8Array.from(chunks.at(-1)!);
    const keyLength = new DataView(last.buffer).getUint32(0);
    last[4 + keyLength + 4 + 1] = '#'.charCodeAt(0);
    const broken = [...chunks.slice(0, -1), last];
    const brokenManifest = sealManifest(
      manifest,
      broken.map((data) => sha256Hex(data)),
    );

    const platform = platformWithAdmin();
    const target = boot(platform);
    ok(target.call(admin, 'seed_records', 'people', 0, 7));
    ok(target.call(admin, 'seed_records', 'tags', 0, 2));
    const before = {
      counts: target.call(admin, 'record_counts'),
      people: ok(target.call(admin, 'read_records', 'people', 0, 10)),
    };
    const unchanged = (call: typeof target.call) => {
      expect(call(admin, 'record_counts')).toEqual(before.counts);
      expect(ok(call(admin, 'read_records', 'people', 0, 10))).toEqual(before.people);
    };

    ok(target.call(admin, 'backup_import_begin', brokenManifest));
    broken.forEach((data, i) => ok(target.call(admin, 'backup_import_chunk', i, data)));
    let failure: string | undefined;
    for (let i = 0; i < 5 && failure === undefined; i++) {
      failure = target.call(admin, 'backup_import_commit').Err?.code;
    }
    expect(failure).toBe('STORE_IMPORT_INVALID');
    expect(ok(target.call(admin, 'backup_import_abort'))).toBe(true);
    unchanged(target.call);

    // A good import that loses its session (an upgrade) after staging some entries.
    ok(target.call(admin, 'backup_import_begin', manifest));
    chunks.forEach((data, i) => ok(target.call(admin, 'backup_import_chunk', i, data)));
    expect(ok(target.call<{ stores: number }>(admin, 'backup_import_commit')).stores).toBe(0);
    target.canister.preUpgrade();
    platform.upgrade();
    const upgraded = composeCanister(
      { name: 'probe', plugins: [records, [backup, { maxChunkBytes: 2048 }]] },
      platform,
    );
    upgraded.postUpgrade();
    const again = boot(platform, {}, upgraded).call;
    expect(again(admin, 'backup_import_commit').Err?.code).toBe('BACKUP_NO_IMPORT');
    unchanged(again);

    // Begun again: the leftovers staged by both attempts are cleared first.
    ok(again(admin, 'backup_import_begin', manifest));
    chunks.forEach((data, i) => ok(again(admin, 'backup_import_chunk', i, data)));
    let step: { done: boolean };
    do step = ok(again(admin, 'backup_import_commit'));
    while (!step.done);
    expect(again(admin, 'record_counts')).toEqual([
      ['people', 2_500],
      ['events', 0],
      ['tags', 0],
    ]);
  });

  it('refuses a corrupted chunk, a tampered manifest and a schema mismatch without writing', () => {
    const { call } = boot(platformWithAdmin());
    ok(call(admin, 'seed_records', 'tags', 0, 60));
    const { manifest, chunks } = exportAll(call);
    const fresh = boot(platformWithAdmin()).call;

    const tampered: BackupManifest = {
      ...manifest,
      stores: manifest.stores.map((s) => ({ ...s, count: s.count + 1n })),
    };
    expect(fresh(admin, 'backup_import_begin', tampered).Err?.code).toBe('BACKUP_MANIFEST_INVALID');
    const resealed = sealManifest(
      { ...manifest, stores: manifest.stores.map((s) => ({ ...s, version: 2 })) },
      manifest.chunks.map((c) => c.sha256),
    );
    expect(fresh(admin, 'backup_import_begin', resealed).Err?.code).toBe('BACKUP_VERSION_MISMATCH');

    ok(fresh(admin, 'backup_import_begin', manifest));
    const bad = Uint8Array.from(chunks[0]!);
    bad[5]! ^= 1;
    expect(fresh(admin, 'backup_import_chunk', 0, bad).Err?.code).toBe('BACKUP_CHUNK_CORRUPT');
    expect(fresh(admin, 'backup_import_chunk', 99, bad).Err?.code).toBe('BACKUP_CHUNK_CORRUPT');
    expect(fresh(admin, 'backup_import_commit').Err?.code).toBe('BACKUP_CHUNK_MISSING');
    expect(fresh(admin, 'record_counts')).toEqual([
      ['people', 0],
      ['events', 0],
      ['tags', 0],
    ]);
    expect(ok(fresh(admin, 'backup_import_abort'))).toBe(true);
    expect(fresh(admin, 'backup_import_commit').Err?.code).toBe('BACKUP_NO_IMPORT');
  });

  it('lets only controllers and backup principals in', () => {
    const { call } = boot(platformWithAdmin());
    for (const method of ['backup_plan', 'backup_status', 'backup_import_commit']) {
      expect(call(stranger, method).Err?.code).toBe('BACKUP_FORBIDDEN');
      expect(call(Principal.anonymous(), method).Err?.code).toBe('AUTH_ANONYMOUS');
    }
    expect(
      call(stranger, 'backup_export_chunk', { store: 'records/tags', start: 0n, count: 0 }).Err
        ?.code,
    ).toBe('BACKUP_FORBIDDEN');
    expect(
      call(admin, 'backup_export_chunk', { store: 'backup/state', start: 0n, count: 1 }).Err?.code,
    ).toBe('BACKUP_UNKNOWN_STORE');
    expect(
      call(admin, 'backup_export_chunk', { store: 'records/tags', start: 0n, count: 5 }).Err?.code,
    ).toBe('BACKUP_CHUNK_RANGE');
  });

  it('counts successful writes, says when a backup is due, and resets on confirm', () => {
    const platform = platformWithAdmin();
    const { canister, call } = boot(platform, { exclude: ['records/events'] });
    const status = () =>
      ok(
        call<{ changes_since_backup: bigint; due: boolean; stores: string[] }>(
          admin,
          'backup_status',
        ),
      );
    expect(status()).toMatchObject({
      changes_since_backup: 0n,
      due: false,
      stores: ['records/people', 'records/tags'],
    });
    ok(call(admin, 'seed_records', 'people', 0, 2));
    expect(call(admin, 'fail_put', 'people').Err?.code).toBe('INPUT_INVALID'); // a failure is no write
    expect(status()).toMatchObject({ changes_since_backup: 1n, due: true }); // never backed up
    const { manifest } = exportAll(call);
    ok(call(admin, 'backup_confirm', manifest));
    expect(status()).toMatchObject({ changes_since_backup: 0n, due: false });
    for (let i = 0; i < 3; i++) ok(call(admin, 'seed_records', 'tags', i, 1));
    expect(status()).toMatchObject({ changes_since_backup: 3n, due: true });
    expect(call(admin, 'backup_confirm', manifest).Err?.code).toBe('BACKUP_STALE');

    const health = () =>
      canister.host.container
        .resolve(HEALTH_CHECKS)
        .runAll()
        .find((c) => c.name === 'last-backup')!.report;
    expect(health().healthy).toBe(true);
    platform.advance(3601);
    expect(health()).toMatchObject({
      healthy: false,
      detail: 'last backup 3601s ago (limit 3600s)',
    });
  });

  it('keeps its counter through an upgrade and notifies the backup service on schedule', () => {
    const platform = platformWithAdmin();
    const notices: string[] = [];
    platform.calls.set(backupService.toText(), (method, request) =>
      notices.push(`${method}(${String(request.args[0])})`),
    );
    const options = { schedule: 'every 1h', notify: { canister: backupService.toText() } };
    const first = boot(platform, options);
    ok(first.call(admin, 'seed_records', 'people', 0, 1));
    first.canister.preUpgrade();
    platform.upgrade();
    const second = composeCanister(
      { name: 'probe', plugins: [records, [backup, { dueAfterWrites: 3, ...options }]] },
      platform,
    );
    second.postUpgrade();
    platform.advance(3600);
    expect(notices).toEqual([`backup_due(${platform.self.toText()})`]);
  });
  it('reports due to the registered backup canister at every dueAfterWrites-th write, from a timer', () => {
    const platform = platformWithAdmin();
    const notices: string[] = [];
    platform.calls.set(backupService.toText(), (method, request) =>
      notices.push(`${method}(${String(request.args[0])})`),
    );
    const { call } = boot(platform);
    ok(call(admin, 'seed_records', 'people', 0, 1));
    expect(call(stranger, 'backup_set_notify', backupService).Err?.code).toBe('BACKUP_FORBIDDEN');
    ok(call(backupService, 'backup_set_notify', backupService));
    for (let i = 1; i < 7; i++) ok(call(admin, 'seed_records', 'people', i, 1));
    expect(notices).toEqual([]); // nothing is called from inside a call: the notice waits for a timer
    platform.advance(0);
    // Writes 3 and 6 (dueAfterWrites 3) each report once; backup calls are not writes.
    const due = `backup_due(${platform.self.toText()})`;
    expect(notices).toEqual([due, due]);
    const status = ok(call<{ notify: Principal[] }>(admin, 'backup_status'));
    expect(status.notify.map((p) => p.toText())).toEqual([backupService.toText()]);
  });
});

describe('backup transfer (the off-chain client) against the plugin', () => {
  /** The memory canister as an async actor called by `who`, as an agent would give it. */
  type Call = (who: Principal, method: string, ...args: unknown[]) => Reply;
  const actorOf = (call: Call, who = admin) =>
    new Proxy({} as BackupActor, {
      get:
        (_target, method: string) =>
        async (...args: unknown[]) =>
          call(who, method, ...args),
    });

  it('downloads, confirms and restores every record into a fresh canister', async () => {
    const source = boot(platformWithAdmin()).call;
    ok(source(admin, 'seed_records', 'people', 0, 90));
    ok(source(admin, 'seed_records', 'tags', 0, 25));
    const backup = await downloadBackup(actorOf(source), { confirm: true });
    expect(backup.chunks.length).toBe(backup.manifest.chunks.length);
    expect(ok(source<{ changes_since_backup: bigint }>(admin, 'backup_status'))).toMatchObject({
      changes_since_backup: 0n,
    });

    const target = boot(platformWithAdmin()).call;
    const restored = await restoreBackup(actorOf(target), backup);
    expect(restored).toEqual({ stores: 3, entries: 115, steps: 1 });
    expect(ok(target<[bigint, unknown][]>(admin, 'read_records', 'tags', 0, 100))).toEqual(
      Array.from({ length: 25 }, (_, i) => [BigInt(i), fixtureRecord('tags', i)]),
    );
  });

  it('refuses a chunk whose bytes do not match its hash, and reports a refused step by code', async () => {
    const source = boot(platformWithAdmin()).call;
    ok(source(admin, 'seed_records', 'people', 0, 5));
    const flipping = actorOf((who, method, ...args) => {
      const reply = source<{ data: Uint8Array; sha256: string }>(who, method, ...args);
      if (method !== 'backup_export_chunk' || !reply.Ok) return reply;
      const data = Uint8Array.from(reply.Ok.data);
      data[0] = data[0]! ^ 1;
      return { Ok: { ...reply.Ok, data } };
    });
    await expect(downloadBackup(flipping)).rejects.toThrow(/^BACKUP_CHUNK_CORRUPT: chunk 0 of /);
    await expect(downloadBackup(actorOf(source, stranger))).rejects.toThrow(
      /^BACKUP_FORBIDDEN: backup_plan: /,
    );
  });
});
