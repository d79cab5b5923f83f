import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import {
  type BackupProbe,
  backupProbeIdlFactory,
} from '../../plugins/backup/fixtures/backup-probe-idl.ts';
import { buildPluginFixture } from '../../plugins/backup/fixtures/build-fixture.ts';
import { sha256Hex } from '../../plugins/backup/index.ts';
import { restoreBackup, type BackupActor } from '../../plugins/backup/backup-transfer.ts';
import {
  type BackupCanisterCli,
  backupCanisterCliIdl,
} from '../../cli/backup/backup-canister-idl.ts';
import { downloadVersion, latestVersion } from '../../cli/backup/vault-download.ts';
import { buildSystemCanisters } from './build-backup-canister.ts';

// The backup canister protecting the backup plugin's probe fixture (dueAfterWrites 5, default
// retention: last 5 plus daily for 7 days, one IC snapshot): pulls verified into stable memory,
// every trigger, the snapshot limit, retention, authorization and timers after an upgrade.
const fixturesDir = new URL('../../plugins/backup/fixtures', import.meta.url).pathname;
const admin = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(61));
const stranger = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(62));
const noArgs = new Uint8Array(IDL.encode([], []));

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Vault = Record<string, (...args: any[]) => Promise<Reply<any>>>;
interface VersionView {
  id: bigint;
  kind: string;
  trigger: string;
  status: string;
  chunks: number;
  chunks_stored: number;
  bytes: bigint;
  records: bigint;
}

let network: LocalNetwork;
let probe: Actor<BackupProbe>;
let probeId: Principal;
let vault: Actor<Vault>;
let vaultId: Principal;
let vaultWasm: Uint8Array;
let vaultIdl: IDL.InterfaceFactory;
let probeWasm: string;

function ok<T>(reply: Reply<T>): T {
  if ('Err' in reply) throw new Error(`expected Ok, got ${reply.Err.code}: ${reply.Err.message}`);
  return reply.Ok;
}
const nextMorningUtc = (nowMs: number) => {
  const next = new Date(nowMs + 86_400_000);
  return Date.UTC(next.getUTCFullYear(), next.getUTCMonth(), next.getUTCDate(), 8);
};
const errCode = (reply: Reply<unknown>) => ('Err' in reply ? reply.Err.code : 'Ok');
const versions = async (): Promise<VersionView[]> => ok(await vault.list_versions(probeId));
const complete = async (kind = 'export') =>
  (await versions()).filter((v) => v.kind === kind && v.status === 'complete');

beforeAll(async () => {
  let built;
  [probeWasm, built] = await Promise.all([
    buildPluginFixture(fixturesDir, 'backup_probe'),
    buildSystemCanisters(['backup']),
  ]);
  vaultWasm = built.backup.wasm;
  ({ idlFactory: vaultIdl } = await import(built.backup.bindingsPath));
  network = await LocalNetwork.create();
  // Retention keeps daily versions too: a run that crossed midnight UTC kept one more.
  await network.setTime(nextMorningUtc(await network.getTime()));
  const sender = admin.getPrincipal();
  ({ canisterId: vaultId } = await network.setupCanister({
    idlFactory: vaultIdl,
    wasm: vaultWasm,
    arg: noArgs,
    sender,
  }));
  vault = network.createActor<Vault>(vaultIdl, vaultId);
  vault.setIdentity(admin);
  const setup = await network.setupCanister<BackupProbe>({
    idlFactory: backupProbeIdlFactory,
    wasm: probeWasm,
    arg: noArgs,
    sender,
  });
  probe = setup.actor;
  probeId = setup.canisterId;
  probe.setIdentity(admin);
  await network.updateCanisterSettings({
    canisterId: probeId,
    sender,
    controllers: [sender, vaultId],
  });
  for (const store of ['people', 'events', 'tags']) ok(await probe.seed_records(store, 0, 1500));
}, 600_000);

afterAll(async () => {
  await network?.tearDown();
});

describe('backup canister with the probe fixture', () => {
  it('refuses every backup, restore and content read to a non-admin, and backup_due from anyone but the canister', async () => {
    vault.setIdentity(stranger);
    try {
      const input = { canister: probeId, kind: 'probe', group: [], shard: [] };
      await expect(vault.protect(input)).resolves.toMatchObject({
        Err: { code: 'AUTH_FORBIDDEN' },
      });
      expect(errCode(await vault.backup_now(probeId))).toBe('AUTH_FORBIDDEN');
      expect(errCode(await vault.emergency_backup(probeId, { export: null }))).toBe(
        'AUTH_FORBIDDEN',
      );
      expect(errCode(await vault.list_versions(probeId))).toBe('AUTH_FORBIDDEN');
      expect(errCode(await vault.read_chunk(1n, 0))).toBe('AUTH_FORBIDDEN');
      expect(errCode(await vault.get_backup_stats())).toBe('AUTH_FORBIDDEN');
      expect(errCode(await vault.backup_due(probeId))).toBe('VAULT_FORBIDDEN');
    } finally {
      vault.setIdentity(admin);
    }
  });

  it('protects the probe (reading its YAML policy) and pulls a verified export into stable memory', async () => {
    const target = ok(
      await vault.protect({ canister: probeId, kind: 'probe', group: [], shard: [] }),
    );
    expect(target.policy).toMatchObject({
      keep_last: 5,
      daily_days: 7,
      every_seconds: 300,
      keep_snapshots: 1,
    });
    const taken = ok(await vault.backup_now(probeId));
    const [version] = taken.version as [bigint];
    const [stored] = (await versions()).filter((v) => v.id === version);
    expect(stored).toMatchObject({ status: 'complete', trigger: 'pre-upgrade', records: 4500n });
    expect(stored!.chunks_stored).toBe(stored!.chunks);
    const manifest = ok(await vault.get_manifest(version));
    let bytes = 0;
    for (const [index, chunk] of manifest.chunks.entries()) {
      const read = ok(await vault.read_chunk(version, index));
      const data = Uint8Array.from(read.data);
      expect(sha256Hex(data)).toBe(chunk.sha256);
      bytes += data.length;
    }
    expect(BigInt(bytes)).toBe(stored!.bytes);
    // The probe's write counter restarted: the backup was confirmed.
    expect(ok(await probe.backup_status()).changes_since_backup).toBe(0n);
    expect(taken.snapshot).toHaveLength(1);
  });

  it('change-based: the probe reports due after dueAfterWrites (5) and the backup canister pulls', async () => {
    const before = (await complete()).length;
    for (let i = 0; i < 5; i++) ok(await probe.seed_records('tags', 2000 + i, 1));
    await network.tick(3);
    const after = await complete();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.trigger).toBe('change');
  });

  it('scheduled: a changed canister is pulled once its interval (5 min) has passed, an unchanged one is not', async () => {
    const before = (await complete()).length;
    await network.advanceTime(6 * 60_000);
    await network.tick(3);
    expect((await complete()).length).toBe(before); // no change since the last backup
    ok(await probe.seed_records('tags', 3000, 1));
    await network.advanceTime(6 * 60_000);
    await network.tick(3);
    const after = await complete();
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)!.trigger).toBe('scheduled');
  });

  it('emergency: an operator takes an export and a snapshot; the IC keeps one snapshot, replaced each time', async () => {
    for (let i = 0; i < 2; i++) {
      const taken = ok(await vault.emergency_backup(probeId, { both: null }));
      expect(taken.version).toHaveLength(1);
      expect(taken.snapshot).toHaveLength(1);
    }
    const onIc = await network.listSnapshots({ canisterId: probeId, sender: admin.getPrincipal() });
    expect(onIc).toHaveLength(1);
    const snapshots = await complete('snapshot');
    expect(snapshots).toHaveLength(1);
    expect(
      (await versions()).filter((v) => v.kind === 'snapshot' && v.status === 'pruned'),
    ).toHaveLength(2);
  });

  it('retention keeps exactly the last 5 exports (all from today) and drops the chunks of the others', async () => {
    ok(await vault.emergency_backup(probeId, { export: null }));
    const all = (await versions()).filter((v) => v.kind === 'export');
    const kept = all.filter((v) => v.status === 'complete');
    expect(all.length).toBe(6);
    expect(kept.map((v) => v.id)).toEqual(all.slice(-5).map((v) => v.id));
    const prunedId = all[0]!.id;
    expect(all[0]!.status).toBe('pruned');
    expect(errCode(await vault.read_chunk(prunedId, 0))).toBe('VAULT_UNKNOWN_VERSION');
  });

  it('an off-chain copy (what `icp-calendar backup download` writes) restores into a fresh canister', async () => {
    const cli = network.createActor<BackupCanisterCli>(backupCanisterCliIdl, vaultId);
    cli.setIdentity(admin);
    const copy = await downloadVersion(cli, await latestVersion(cli, probeId));
    const fresh = await network.setupCanister<BackupProbe>({
      idlFactory: backupProbeIdlFactory,
      wasm: probeWasm,
      arg: noArgs,
      sender: admin.getPrincipal(),
    });
    fresh.actor.setIdentity(admin);
    await restoreBackup(fresh.actor as unknown as BackupActor, copy);
    expect(await fresh.actor.record_counts()).toEqual(await probe.record_counts());
    cli.setIdentity(stranger);
    await expect(downloadVersion(cli, 1n)).rejects.toThrow(/^AUTH_FORBIDDEN/);
  });

  it('re-arms the scheduler after an upgrade', async () => {
    await network.upgradeCanister({
      canisterId: vaultId,
      wasm: vaultWasm,
      arg: noArgs,
      sender: admin.getPrincipal(),
    });
    const before = (await versions()).filter((v) => v.kind === 'export').length;
    ok(await probe.seed_records('tags', 4000, 1));
    await network.advanceTime(6 * 60_000);
    await network.tick(3);
    const after = (await versions()).filter((v) => v.kind === 'export');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ trigger: 'scheduled', status: 'complete' });
  });

  it('reports per-canister stats: successes, versions kept, bytes and freshness', async () => {
    const [stats] = ok(await vault.get_backup_stats());
    expect(stats).toMatchObject({
      kind: 'probe',
      failures: 0,
      versions_kept: 5,
      snapshots_kept: 1,
      healthy: true,
    });
    expect(stats.successes).toBeGreaterThanOrEqual(9);
    expect(stats.bytes).toBeGreaterThan(0n);
  });
});
