import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

import { Actor, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

import { failUsage, type Command } from '../commands.ts';
import { readCanisterIds } from '../deploy/canister-ids-file.ts';
import { loadOrCreateDeployer } from '../deploy/deployer-identity.ts';
import { parseFlags } from '../localnet/command-flags.ts';
import { DEFAULT_STATE_DIR } from '../localnet/run-localnet.ts';
import { stateLayout } from '../localnet/state-dir.ts';
import { restoreBackup, type BackupActor } from '../../plugins/backup/backup-transfer.ts';
import { backupActorIdl } from './backup-actor-idl.ts';
import { type BackupCanisterCli, backupCanisterCliIdl } from './backup-canister-idl.ts';
import { readBackupDir, writeBackupDir } from './backup-files.ts';
import { downloadVersion, latestVersion } from './vault-download.ts';

const USAGE =
  'backup list [canister] | download <canister> --out <dir> | restore <dir> --into <id>';
const usage = { name: 'backup', usage: USAGE };

/** `icp-calendar backup`: off-chain copies of what the backup canister keeps, and restores from them. */
export const backupCommand: Command = {
  name: 'backup',
  usage: USAGE,
  summary: 'list, download (off-chain copy) and restore backups kept by the backup canister',
  options: {
    '--out <dir>': 'download: the folder to write (manifest.json and chunks/)',
    '--version <n>': 'download: this version instead of the newest complete one',
    '--into <id>': 'restore: the canister to restore into (the deployer must control it)',
    '--backup-canister <id>': 'the backup canister (default: "backup" in canister_ids.json)',
    '--host <url>': 'the network (default http://127.0.0.1:4943)',
    '--state-dir <dir>': 'where the deployer key and canister ids are (default .localnet)',
  },
  async run(argv) {
    const parsed = parseFlags(argv, {
      host: 'string',
      'state-dir': 'string',
      'backup-canister': 'string',
      version: 'string',
      out: 'string',
      into: 'string',
    });
    if (!parsed.ok) return failUsage(usage, parsed.message);
    const [action, target] = parsed.positionals;
    const flag = (name: string) => parsed.values[name] as string | undefined;
    const layout = stateLayout(resolve(flag('state-dir') ?? DEFAULT_STATE_DIR));
    const host = flag('host') ?? 'http://127.0.0.1:4943';
    if (!existsSync(layout.deployerFile)) {
      return failUsage(
        usage,
        `BACKUP_CLI_NO_DEPLOYMENT: expected the deployer key in ${layout.deployerFile}`,
      );
    }
    const identity = await loadOrCreateDeployer(layout.deployerFile);
    const local = host.startsWith('http://127.0.0.1') || host.startsWith('http://localhost');
    const agent = await HttpAgent.create({ host, identity, shouldFetchRootKey: local });
    const backupId =
      flag('backup-canister') ?? (await readCanisterIds(layout.canisterIdsFile)).backup?.local;
    const vault = () => {
      if (backupId === undefined)
        throw new Error('BACKUP_CLI_NO_CANISTER: pass --backup-canister <id>');
      return Actor.createActor<BackupCanisterCli>(backupCanisterCliIdl, {
        agent,
        canisterId: backupId,
      });
    };
    switch (action) {
      case 'list': {
        const protectedList =
          target === undefined
            ? await vault().list_protected()
            : [{ canister: Principal.fromText(target), kind: '' }];
        for (const { canister, kind } of protectedList) {
          const reply = await vault().list_versions(canister);
          if ('Err' in reply) return failUsage(usage, `${reply.Err.code}: ${reply.Err.message}`);
          process.stdout.write(`${kind || 'canister'} ${canister.toText()}\n`);
          for (const v of reply.Ok) {
            const at = new Date(
              Number((v.finished_at[0] ?? v.started_at) / 1_000_000n),
            ).toISOString();
            process.stdout.write(
              `  v${v.id}  ${v.kind.padEnd(8)} ${v.status.padEnd(8)} ${v.trigger.padEnd(11)} ${at}  ${v.records} records  ${v.bytes} bytes${v.error[0] ? `  ${v.error[0]}` : ''}\n`,
            );
          }
        }
        return 0;
      }
      case 'download': {
        const out = flag('out');
        if (target === undefined || out === undefined)
          return failUsage(usage, 'download needs <canister> and --out <dir>');
        const version =
          flag('version') !== undefined
            ? BigInt(flag('version')!)
            : await latestVersion(vault(), Principal.fromText(target));
        const backup = await downloadVersion(vault(), version);
        await writeBackupDir(resolve(out), backup);
        process.stdout.write(
          `version ${version}: ${backup.chunks.length} chunks verified, digest ${backup.manifest.digest}, written to ${out}\n`,
        );
        return 0;
      }
      case 'restore': {
        const into = flag('into');
        if (target === undefined || into === undefined)
          return failUsage(usage, 'restore needs <dir> and --into <canister>');
        const backup = await readBackupDir(resolve(target));
        const actor = Actor.createActor<BackupActor>(backupActorIdl, { agent, canisterId: into });
        const result = await restoreBackup(actor, backup);
        process.stdout.write(
          `restored ${result.entries} records in ${result.stores} stores into ${into} (${result.steps} commit steps)\n`,
        );
        return 0;
      }
      default:
        return failUsage(
          usage,
          action === undefined
            ? 'expected list, download or restore'
            : `unknown action "${action}"`,
        );
    }
  },
};
