import { HttpAgent } from '@dfinity/agent';

import { loadConfigSet } from '../config/load-config-set.ts';
import type { SystemConfig } from '../config/system-config.ts';
import type { CanisterTypeConfig } from '../config/canister-config.ts';
import { readCanisterIds } from './canister-ids-file.ts';
import { loadDeployIdentity } from './deploy-identity.ts';
import { resolveDeployTarget, type DeployTarget } from './deploy-target.ts';

/** Flags every command that talks to a deployed network shares. */
export const NETWORK_FLAGS = {
  network: 'string',
  identity: 'string',
  'identity-pem': 'string',
  'canister-ids': 'string',
  host: 'string',
  'no-provisional': 'switch',
  'root-key': 'string',
} as const;

/** `--help` text of NETWORK_FLAGS. */
export const NETWORK_OPTIONS: Record<string, string> = {
  '--network <name>': 'an environment of config/system.yaml (local, ic, …)',
  '--identity <name>': "a dfx identity (default: dfx's selected one)",
  '--identity-pem <file>': 'an Ed25519 or secp256k1 private key PEM instead',
  '--canister-ids <file>': "ids file (default: dfx's canister_ids.json for the network)",
  '--host <url>': "the network's URL (default: system.yaml's, or https://icp-api.io for ic)",
  '--no-provisional': 'the mainnet path on a network other than ic',
  '--root-key <hex>': 'its root key (DER hex); never fetched on the mainnet path',
};

export const NETWORK_USAGE =
  '--network <name> [--identity <dfx name> | --identity-pem <file>] [--canister-ids <file>] ' +
  '[--host url] [--no-provisional --root-key <hex>]';

export interface NetworkSession {
  system: SystemConfig;
  types: CanisterTypeConfig[];
  target: DeployTarget;
  agent: HttpAgent;
  canisterIdsFile: string;
  /** canister_ids.json's ids for this network, by name. */
  ids: Record<string, string>;
}

/**
 * Opens the network `--network` names as the deployer (a dfx identity or PEM): on the mainnet
 * path with the IC's root key (or `--root-key`), never a fetched one.
 */
export async function openNetworkSession(values: Record<string, unknown>): Promise<NetworkSession> {
  const text = (name: string) => values[name] as string | undefined;
  const environment = text('network');
  if (environment === undefined) throw new Error('--network is required (local, ic, …)');
  const set = await loadConfigSet();
  if (!set.ok || !set.system)
    throw new Error('CONFIG_INVALID: config/ does not load (icp-calendar check)');
  const target = resolveDeployTarget(set.system, environment, {
    host: text('host'),
    noProvisional: values['no-provisional'] === true,
    projectRoot: process.cwd(),
  });
  if (typeof target === 'string') throw new Error(target);
  const canisterIdsFile = text('canister-ids') ?? target.canisterIdsFile;
  const file = await readCanisterIds(canisterIdsFile);
  const ids = Object.fromEntries(
    Object.entries(file).flatMap(([name, byNetwork]) =>
      byNetwork[environment] ? [[name, byNetwork[environment]]] : [],
    ),
  );
  const identity = await loadDeployIdentity({
    identity: text('identity'),
    identityPem: text('identity-pem'),
  });
  const rootKey = text('root-key');
  const agent = await HttpAgent.create({
    host: target.host,
    identity,
    ...(target.mainnet
      ? {
          shouldFetchRootKey: false,
          ...(rootKey ? { rootKey: new Uint8Array(Buffer.from(rootKey, 'hex')) } : {}),
        }
      : { shouldFetchRootKey: true }),
  });
  return { system: set.system, types: set.canisters, target, agent, canisterIdsFile, ids };
}
