import { join } from 'node:path';

import type { SystemConfig } from '../config/system-config.ts';

/** Where the IC's API is served (what dfx uses for `--network ic`). */
export const IC_HOST = 'https://icp-api.io';

export interface DeployTarget {
  /** The environment's name in system.yaml (also the network key in canister_ids.json). */
  environment: string;
  host: string;
  /** The Internet Computer itself (its root key; confirmation before spending). */
  ic: boolean;
  /**
   * The mainnet path: canisters come from the cycles ledger, never from provisional_* calls,
   * and the root key is the IC's (or one given), never fetched from the network.
   */
  mainnet: boolean;
  /** dfx's canister_ids.json for this network: the project's for `ic`, `.dfx/<name>/` otherwise. */
  canisterIdsFile: string;
}

/**
 * Resolves `--network <name>` against system.yaml's environments. `ic` (or any environment whose
 * `network` is `ic`) always takes the mainnet path; another takes it with `--no-provisional`.
 */
export function resolveDeployTarget(
  system: SystemConfig | undefined,
  environment: string,
  options: { host?: string; noProvisional?: boolean; projectRoot: string },
): DeployTarget | string {
  const entry = system?.environments.find((candidate) => candidate.name === environment);
  if (!entry && environment !== 'ic' && environment !== 'local') {
    const known = system?.environments.map((candidate) => candidate.name).join(', ') ?? 'none';
    return `DEPLOY_NETWORK_UNKNOWN: expected an environment of config/system.yaml (${known}); got "${environment}"`;
  }
  const isIc = environment === 'ic' || entry?.network === 'ic';
  const host = options.host ?? entry?.host ?? (isIc ? IC_HOST : 'http://127.0.0.1:4943');
  return {
    environment,
    host,
    ic: isIc,
    mainnet: isIc || options.noProvisional === true,
    canisterIdsFile: isIc
      ? join(options.projectRoot, 'canister_ids.json')
      : join(options.projectRoot, '.dfx', environment, 'canister_ids.json'),
  };
}
