import { readFile } from 'node:fs/promises';

import type { ConfigureStep } from './configure-steps.ts';
import { CALENDAR_TYPE, LOAD_BALANCER_TYPE, wireLoadBalancer } from './wire-load-balancer.ts';

/**
 * The configure step (configure-steps.ts), after the registry's: registers the shards, makes the
 * load balancer an admin and controller where it needs to be, and uploads the calendar Wasm.
 * Skipped without a load balancer or without calendar shards.
 */
export const loadBalancerStep: ConfigureStep = {
  name: 'load balancer',
  async run({ agent, canisters, wasmPath }) {
    if (!canisters.some((c) => c.type === LOAD_BALANCER_TYPE)) return [];
    if (!canisters.some((c) => c.type === CALENDAR_TYPE)) return [];
    const calendarWasm = new Uint8Array(await readFile(await wasmPath(CALENDAR_TYPE)));
    return wireLoadBalancer({ agent, canisters, calendarWasm });
  },
};
