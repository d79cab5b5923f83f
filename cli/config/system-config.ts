/** config/system.yaml after validation: the topology the system deploys. */
export interface SystemConfig {
  /** Absolute path of system.yaml. */
  file: string;
  groups: { name: string; description?: string }[];
  /** Canister types deployed, in YAML order. `shards`/`group` are present only when system.yaml overrides canister.yaml. */
  canisters: { type: string; shards?: number; group?: string }[];
  schedules: { name: string; canister: string; method: string; everySeconds: number }[];
  environments: {
    name: string;
    network: 'local' | 'ic';
    host: string;
    shards: Record<string, number>;
  }[];
}

export const DEFAULT_HOSTS = { local: 'http://127.0.0.1:4943', ic: 'https://icp-api.io' } as const;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400 };

/** "every 6h" → 21600. Undefined when the text does not match the schema's pattern. */
export function intervalSeconds(every: string): number | undefined {
  const match = /^every ([1-9][0-9]*)(s|m|h|d)$/.exec(every);
  return match === null ? undefined : Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}
