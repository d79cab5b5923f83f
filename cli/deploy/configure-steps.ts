/**
 * The configure phase of `deploy` and `configure`: an ordered list of steps that wire a deployed
 * system together. EXTENSION POINT for canister types that need wiring (the load balancer's is
 * configure-load-balancer.ts: register the shards, upload the calendar Wasm; backup: become a
 * controller of what it protects; notification: …):
 *
 *   1. write `configure-<type>.ts` beside this file, exporting a `ConfigureStep`;
 *   2. append it to CONFIGURE_STEPS below (order matters: the registry's groups come first).
 *
 * A step is idempotent: it reads what the network has, writes only the difference, and returns
 * one line per change (none when nothing changed), so running it twice makes no second write.
 * It skips itself, returning no line, when the deployment has no canister of its type. It runs
 * as the deployer, a controller of every canister. It must work on the IC: no provisional call.
 */
import type { HttpAgent } from '@dfinity/agent';

import { configureSystem, REGISTRY_TYPE, type ConfiguredCanister } from './configure-system.ts';
import { loadBalancerStep } from './configure-load-balancer.ts';

export interface ConfigureContext {
  agent: HttpAgent;
  /** Every group system.yaml declares. */
  groups: { name: string; description?: string }[];
  /** Every canister of the deployment. */
  canisters: ConfiguredCanister[];
  /** The built Wasm of a canister type (built on demand when `configure` runs alone). */
  wasmPath(type: string): Promise<string>;
}

export interface ConfigureStep {
  /** Shown before each line the step reports. */
  name: string;
  run(context: ConfigureContext): Promise<string[]>;
}

/** Registry groups and members, every auth plugin pointed at the registry, calendar ↔ user registry links. */
export const registryStep: ConfigureStep = {
  name: 'registry',
  async run({ agent, groups, canisters }) {
    if (!canisters.some((canister) => canister.type === REGISTRY_TYPE)) {
      return [`skipped (no ${REGISTRY_TYPE} canister in the deployment)`];
    }
    const report = await configureSystem({ agent, groups, canisters });
    const warning =
      report.withoutCandid.length > 0
        ? `; WARNING no candid:service metadata on ${report.withoutCandid.join(', ')}: auth not checked`
        : '';
    return [
      `registry ${report.registry}; ${groups.length} group(s) (${report.groupsRegistered.length} new), ` +
        `members +${report.membersAdded} -${report.membersRemoved}, ` +
        `auth → registry on ${report.authCanisters.length} canister(s) (${report.registrySetOn.length} set now)${warning}`,
      ...report.links.written,
      ...(report.links.skipped ? [`WARNING calendar links not set: ${report.links.skipped}`] : []),
    ];
  },
};

export const CONFIGURE_STEPS: ConfigureStep[] = [registryStep, loadBalancerStep];

/** Runs every step in order, logging `configure: <line>` for each change it reports. */
export async function runConfigureSteps(
  context: ConfigureContext,
  log: (line: string) => void,
  steps: readonly ConfigureStep[] = CONFIGURE_STEPS,
): Promise<void> {
  for (const step of steps) {
    const started = performance.now();
    const lines = await step.run(context);
    const elapsed = Math.round(performance.now() - started);
    lines.forEach((line, index) =>
      log(`configure: ${line}${index === 0 ? ` (${step.name}, ${elapsed} ms)` : ''}`),
    );
  }
}
