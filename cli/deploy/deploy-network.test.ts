import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { loadConfigSet } from '../config/load-config-set.ts';
import { deployToNetwork } from './deploy-network.ts';

afterEach(() => vi.restoreAllMocks());

describe('deploy --dry-run --network ic', () => {
  it('prints the plan with its cycles and touches no network, builds nothing', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const build = vi.fn();
    const set = await loadConfigSet();
    if (!set.ok || !set.system) throw new Error('config does not load');
    const lines: string[] = [];
    const result = await deployToNetwork({
      system: set.system,
      types: set.canisters,
      environment: 'ic',
      projectRoot: '/nonexistent-project',
      identity: Ed25519KeyIdentity.generate(),
      cycles: 2_000_000_000_000n,
      dryRun: true,
      build,
      log: (line) => lines.push(line),
    });
    expect(result.status).toBe('dry-run');
    const text = lines.join('\n');
    expect(text).toContain('deploy plan: network ic (https://icp-api.io)');
    expect(text).toMatch(/registry\s+create via the cycles ledger with 2\.00 T/);
    expect(text).toContain(
      `${set.canisters.length} canister(s) to create × (2.00 T + 100 M ledger fee)`,
    );
    expect(text).not.toContain('WARNING');
    expect(fetch).not.toHaveBeenCalled();
    expect(build).not.toHaveBeenCalled();
  });

  it('asks before spending on ic and stops when the answer is no', async () => {
    const set = await loadConfigSet();
    if (!set.ok || !set.system) throw new Error('config does not load');
    const fetch = vi.spyOn(globalThis, 'fetch');
    const confirm = vi.fn(async () => false);
    const result = await deployToNetwork({
      system: set.system,
      types: set.canisters,
      environment: 'ic',
      projectRoot: '/nonexistent-project',
      identity: Ed25519KeyIdentity.generate(),
      confirm,
    });
    expect(result.status).toBe('cancelled');
    expect(confirm).toHaveBeenCalledOnce();
    expect(fetch).not.toHaveBeenCalled();
  });
});
