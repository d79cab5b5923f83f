import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// method-budgets.ts reads the endpoints' declarations in Node: azle is core's stand-in there.
vi.mock('azle', () => import('./azle-node-stub.ts'));

import type { LocalNetwork } from '../../localnet/index.ts';
import { formatReport, runFuzz } from './fuzz.ts';
import { methodBudgets } from './method-budgets.ts';
import { type DeployedType, deploySystem } from './system-net.ts';

// The short seeded fuzz run; the long one is `npm run fuzz` (see test/README.md).
let network: LocalNetwork;
let types: DeployedType[];
let budgets: Map<string, bigint>;

beforeAll(async () => {
  budgets = await methodBudgets();
  ({ network, types } = await deploySystem());
}, 900_000);

afterAll(async () => {
  await network?.tearDown();
});

describe('fuzz (short seeded run)', () => {
  it('no trap on well-typed input, no call over budget, no store changed by a refusal', async () => {
    const report = await runFuzz({ network, types, calls: 400, seed: 19, budgets });
    console.log(formatReport(report));
    expect(report.calls).toBe(400);
    expect(report.stats.size).toBeGreaterThan(20);
    expect(report.problems).toEqual([]);
  }, 300_000);
});
