import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { loadSystemConfig } from './load-system-config.ts';

const fixtures = fileURLToPath(new URL('../../test/fixtures/config/', import.meta.url));

describe('loadSystemConfig', () => {
  it('accepts the repository config/system.yaml', async () => {
    const result = await loadSystemConfig();
    expect(result.errors).toEqual([]);
    expect(result.ok && result.config.environments.map((environment) => environment.name)).toEqual([
      'local',
      'ic',
    ]);
  });

  it('turns a valid file into a SystemConfig with defaults filled in', async () => {
    const result = await loadSystemConfig(`${fixtures}system/valid.yaml`, {
      canistersDir: fixtures,
    });
    expect(result.errors).toEqual([]);
    if (!result.ok) return;
    expect(result.config.canisters).toEqual([{ type: 'tasks', shards: 3, group: 'app' }]);
    expect(result.config.schedules).toEqual([
      { name: 'tidy', canister: 'tasks', method: 'tidy_up', everySeconds: 21_600 },
    ]);
    expect(result.config.environments[0]).toEqual({
      name: 'local',
      network: 'local',
      host: 'http://127.0.0.1:4943',
      shards: {},
    });
    expect(result.config.environments[1]!.shards).toEqual({ tasks: 8 });
  });

  it('reports unknown groups, canister types, bad intervals and networks, each positioned', async () => {
    const result = await loadSystemConfig(`${fixtures}system/invalid.yaml`, {
      canistersDir: fixtures,
    });
    expect(result.errors.map((error) => [error.line, error.col, error.code, error.path])).toEqual([
      [5, 19, 'CONFIG_UNKNOWN_GROUP', 'canisters.tasks.group'],
      [6, 3, 'CONFIG_UNKNOWN_CANISTER', 'canisters.ghost'],
      [8, 21, 'CONFIG_UNKNOWN_CANISTER', 'schedules.tidy.canister'],
      [8, 55, 'CONFIG_INVALID_VALUE', 'schedules.tidy.every'],
      [10, 23, 'CONFIG_INVALID_VALUE', 'environments.staging.network'],
      [10, 42, 'CONFIG_UNKNOWN_CANISTER', 'environments.staging.shards.nobody'],
    ]);
    expect(result.errors[3]!.message).toBe(
      'schedules.tidy.every must look like "every 5m"; got "6 hours"',
    );
  });
});
