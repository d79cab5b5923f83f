import { vi } from 'vitest';

vi.mock('azle', () => import('./azle-node-stub.ts'));

import { beforeAll, describe, expect, it } from 'vitest';

import { HTTP_ARG_LIMIT } from '../../plugins/metrics/metrics-endpoints.ts';
import { methodBudgets } from './method-budgets.ts';
import { type ComposedType, systemTypeComposers } from './system-composition.ts';
import { Principal } from '@dfinity/principal';

// The IC's own limits: a budget above them could never be met.
const IC_LIMIT = { update: 40_000_000_000n, query: 5_000_000_000n };

let types: ComposedType[];
let budgets: Map<string, bigint>;
beforeAll(async () => {
  types = (await systemTypeComposers(Principal.anonymous())).map(({ compose }) => compose());
  budgets = await methodBudgets();
}, 120_000);

describe('per-method bounds of every deployed canister type', () => {
  it('every type turns on the limits plugin, so http_request is bounded to 16 KiB everywhere', () => {
    for (const type of types.filter((t) => !t.yamlOnly)) {
      for (const method of ['http_request', 'http_request_update']) {
        const endpoint = type.endpoints.get(method);
        if (endpoint === undefined) continue;
        expect(endpoint.enforced, `${type.name}.${method}: no limits plugin`).toBeDefined();
        expect(endpoint.enforced?.maxArgBytes, `${type.name}.${method}`).toBeLessThanOrEqual(
          HTTP_ARG_LIMIT,
        );
      }
    }
  });

  it('every method has an argument bound and an instruction budget within the IC limits', () => {
    expect(budgets.size).toBeGreaterThan(100);
    for (const type of types.filter((t) => !t.yamlOnly)) {
      for (const [method, endpoint] of type.endpoints) {
        const key = `${type.name}.${method}`;
        expect(endpoint.enforced?.maxArgBytes, `${key}: no maxArgBytes`).toBeGreaterThan(0);
        const mode = endpoint.metadata.mode ?? 'update';
        expect(budgets.get(key), key).toBe(endpoint.budget);
        expect(endpoint.budget, key).toBeLessThanOrEqual(IC_LIMIT[mode]);
      }
    }
  });
});
