import { describe, expect, it } from 'vitest';

import type { CanisterTypeConfig } from '../config/canister-config.ts';
import type { SystemConfig } from '../config/system-config.ts';
import { planDeployment } from './deploy-plan.ts';

const system: SystemConfig = {
  file: 'config/system.yaml',
  groups: [{ name: 'system' }, { name: 'app' }],
  canisters: [
    { type: 'calendar', shards: 2 },
    { type: 'registry' },
    { type: 'notes', group: 'system' },
  ],
  schedules: [],
  environments: [
    { name: 'local', network: 'local', host: 'http://127.0.0.1:4943', shards: {} },
    { name: 'ic', network: 'ic', host: 'https://icp-api.io', shards: { calendar: 3 } },
  ],
};
const types = [
  { name: 'calendar', group: 'app', shards: 1 },
  { name: 'registry', group: 'system', shards: 1 },
  { name: 'notes', group: 'app', shards: 1 },
] as CanisterTypeConfig[];

describe('planDeployment', () => {
  it('orders by declared group, then YAML order, and names shards', () => {
    expect(planDeployment(system, types, 'local')).toEqual([
      { name: 'registry', type: 'registry', group: 'system' },
      { name: 'notes', type: 'notes', group: 'system' },
      { name: 'calendar_0', type: 'calendar', group: 'app', shard: '0' },
      { name: 'calendar_1', type: 'calendar', group: 'app', shard: '1' },
    ]);
  });

  it('puts the registry first even when its group is declared later', () => {
    const appFirst = { ...system, groups: [{ name: 'app' }, { name: 'system' }] };
    expect(planDeployment(appFirst, types, 'local').map((entry) => entry.name)).toEqual([
      'registry',
      'calendar_0',
      'calendar_1',
      'notes',
    ]);
  });

  it('lets the environment override the shard count', () => {
    expect(
      planDeployment(system, types, 'ic').filter((entry) => entry.type === 'calendar'),
    ).toHaveLength(3);
  });
});
