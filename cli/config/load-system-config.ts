import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { isMap } from './collection-checks.ts';
import { sortConfigErrors, type ConfigError } from './config-errors.ts';
import { PROJECT_ROOT, SYSTEM_SCHEMA, shownPath } from './config-paths.ts';
import { compileSchemaFile } from './compile-schema.ts';
import { schemaErrors } from './schema-errors.ts';
import { DEFAULT_HOSTS, intervalSeconds, type SystemConfig } from './system-config.ts';
import { readYamlSource, type YamlSource } from './yaml-source.ts';

export interface LoadSystemOptions {
  /** The project's root: config/system.yaml and canisters/ live there (default: PROJECT_ROOT). */
  repoRoot?: string;
  /** Folder holding one sub-folder per canister type (default <repoRoot>/canisters). */
  canistersDir?: string;
}

export type SystemLoadResult =
  { ok: true; config: SystemConfig; errors: [] } | { ok: false; errors: ConfigError[] };

/** Reads config/system.yaml (or `file`), validates it and checks every name it uses exists. */
export async function loadSystemConfig(
  file?: string,
  options: LoadSystemOptions = {},
): Promise<SystemLoadResult> {
  const repoRoot = options.repoRoot ?? PROJECT_ROOT;
  const absolute = resolve(file ?? join(repoRoot, 'config', 'system.yaml'));
  const source = await readYamlSource(absolute, shownPath(absolute, repoRoot));
  if (source.errors.length > 0) return { ok: false, errors: source.errors };
  const raw = source.value ?? {};
  const errors = schemaErrors(await compileSchemaFile(SYSTEM_SCHEMA), raw, source);
  const yaml = isMap(raw) ? raw : {};
  errors.push(
    ...referenceErrors(yaml, source, options.canistersDir ?? join(repoRoot, 'canisters')),
  );
  if (errors.length > 0) return { ok: false, errors: sortConfigErrors(errors) };
  return { ok: true, config: toSystemConfig(absolute, yaml), errors: [] };
}

function referenceErrors(
  yaml: Record<string, unknown>,
  source: YamlSource,
  canistersDir: string,
): ConfigError[] {
  const errors: ConfigError[] = [];
  const groups = Object.keys(mapOrEmpty(yaml.groups));
  const deployed = Object.keys(mapOrEmpty(yaml.canisters));
  for (const [type, deployment] of Object.entries(mapOrEmpty(yaml.canisters))) {
    if (!existsSync(join(canistersDir, type, 'canister.yaml'))) {
      errors.push(
        source.errorAt(
          ['canisters', type],
          'CONFIG_UNKNOWN_CANISTER',
          `canisters.${type} must name a canister type with canisters/${type}/canister.yaml; got no such file`,
          'key',
        ),
      );
    }
    const group = isMap(deployment) ? deployment.group : undefined;
    if (typeof group === 'string' && !groups.includes(group)) {
      errors.push(
        source.errorAt(
          ['canisters', type, 'group'],
          'CONFIG_UNKNOWN_GROUP',
          `canisters.${type}.group must be declared under groups (${groups.join(', ') || 'none'}); got "${group}"`,
        ),
      );
    }
  }
  for (const [name, schedule] of Object.entries(mapOrEmpty(yaml.schedules))) {
    const canister = isMap(schedule) ? schedule.canister : undefined;
    if (typeof canister === 'string' && !deployed.includes(canister)) {
      errors.push(
        source.errorAt(
          ['schedules', name, 'canister'],
          'CONFIG_UNKNOWN_CANISTER',
          `schedules.${name}.canister must be a type listed under canisters (${deployed.join(', ') || 'none'}); got "${canister}"`,
        ),
      );
    }
  }
  for (const [name, environment] of Object.entries(mapOrEmpty(yaml.environments))) {
    const shards = isMap(environment) ? mapOrEmpty(environment.shards) : {};
    for (const type of Object.keys(shards).filter((key) => !deployed.includes(key))) {
      errors.push(
        source.errorAt(
          ['environments', name, 'shards', type],
          'CONFIG_UNKNOWN_CANISTER',
          `environments.${name}.shards keys must be types listed under canisters (${deployed.join(', ') || 'none'}); got "${type}"`,
          'key',
        ),
      );
    }
  }
  return errors;
}

function toSystemConfig(file: string, yaml: Record<string, unknown>): SystemConfig {
  return {
    file,
    groups: Object.entries(mapOrEmpty(yaml.groups)).map(([name, group]) => ({
      name,
      ...mapOrEmpty(group),
    })),
    canisters: Object.entries(mapOrEmpty(yaml.canisters)).map(([type, deployment]) => ({
      type,
      ...mapOrEmpty(deployment),
    })),
    schedules: Object.entries(mapOrEmpty(yaml.schedules)).map(([name, value]) => {
      const schedule = value as { canister: string; method: string; every: string };
      return {
        name,
        canister: schedule.canister,
        method: schedule.method,
        everySeconds: intervalSeconds(schedule.every)!,
      };
    }),
    environments: Object.entries(mapOrEmpty(yaml.environments)).map(([name, value]) => {
      const environment = value as {
        network: 'local' | 'ic';
        host?: string;
        shards?: Record<string, number>;
      };
      return {
        name,
        network: environment.network,
        host: environment.host ?? DEFAULT_HOSTS[environment.network],
        shards: environment.shards ?? {},
      };
    }),
  };
}

function mapOrEmpty(value: unknown): Record<string, unknown> {
  return isMap(value) ? value : {};
}
