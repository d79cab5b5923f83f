import { buildCanisters } from '../build/build-canisters.ts';
import { formatConfigErrors } from '../config/config-errors.ts';
import { loadConfigSet } from '../config/load-config-set.ts';
import { planDeployment, type PlannedCanister } from './deploy-plan.ts';

export type SystemBuild =
  | {
      ok: true;
      plan: PlannedCanister[];
      wasmPaths: Map<string, string>;
      /** system.yaml's groups, registered in the registry by deploy's configure step. */
      groups: { name: string; description?: string }[];
    }
  | { ok: false; message: string };

/** Validates the configuration, plans what system.yaml deploys to `environment`, and builds those types (cached). */
export async function buildSystem(
  environment: string,
  log: (line: string) => void,
): Promise<SystemBuild> {
  const set = await loadConfigSet();
  if (!set.ok) return { ok: false, message: formatConfigErrors(set.errors) };
  if (!set.system) return { ok: false, message: 'config/system.yaml was not loaded' };
  const plan = planDeployment(set.system, set.canisters, environment);
  const types = [...new Set(plan.map((entry) => entry.type))];
  if (types.length === 0) {
    log('build: config/system.yaml deploys no canisters; nothing to build');
    return { ok: true, plan, wasmPaths: new Map(), groups: set.system.groups };
  }
  const result = await buildCanisters({ names: types, log });
  if (!result.ok) {
    const failures = result.failures.map((failure) => `${failure.name}: ${failure.error.message}`);
    const configErrors =
      result.configErrors.length > 0 ? [formatConfigErrors(result.configErrors)] : [];
    return { ok: false, message: [...configErrors, ...failures].join('\n') };
  }
  return {
    ok: true,
    plan,
    wasmPaths: new Map(result.built.map((built) => [built.name, built.wasmPath])),
    groups: set.system.groups,
  };
}
