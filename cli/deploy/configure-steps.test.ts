import type { HttpAgent } from '@dfinity/agent';
import { describe, expect, it } from 'vitest';

import { CONFIGURE_STEPS, runConfigureSteps } from './configure-steps.ts';
import { loadBalancerStep } from './configure-load-balancer.ts';

// Any use of the agent or of a Wasm fails the test: a skipped step touches neither.
const untouchable = new Proxy({} as HttpAgent, {
  get: (_, key) => {
    throw new Error(`the agent was used (${String(key)})`);
  },
});
const context = (types: string[]) => ({
  agent: untouchable,
  groups: [],
  canisters: types.map((type, i) => ({ id: `id-${i}`, type, group: 'app', shard: undefined })),
  wasmPath: (type: string): Promise<string> => {
    throw new Error(`the ${type} Wasm was asked for`);
  },
});

describe('configure steps', () => {
  it('wire the registry first, then the load balancer', () => {
    expect(CONFIGURE_STEPS.map((step) => step.name)).toEqual(['registry', 'load balancer']);
  });

  it('skip the load balancer step without a load balancer or without calendar shards', async () => {
    expect(await loadBalancerStep.run(context(['registry', 'calendar']))).toEqual([]);
    expect(await loadBalancerStep.run(context(['registry', 'load_balancer']))).toEqual([]);
    const lines: string[] = [];
    await runConfigureSteps(context(['calendar']), (line) => lines.push(line), [loadBalancerStep]);
    expect(lines).toEqual([]);
  });

  it('ask for the calendar Wasm when the deployment has a load balancer and shards', async () => {
    await expect(loadBalancerStep.run(context(['load_balancer', 'calendar']))).rejects.toThrow(
      'the calendar Wasm was asked for',
    );
  });
});
