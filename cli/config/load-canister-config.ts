import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

import type {
  CanisterTypeConfig,
  CollectionConfig,
  FieldConfig,
  FieldType,
} from './canister-config.ts';
import { sortConfigErrors, type ConfigError } from './config-errors.ts';
import { CANISTER_SCHEMA, FRAMEWORK_ROOT, PROJECT_ROOT, shownPath } from './config-paths.ts';
import { collectionErrors, isMap } from './collection-checks.ts';
import { compileSchemaFile } from './compile-schema.ts';
import { PluginCatalog } from './plugin-catalog.ts';
import { checkPlugins } from './plugin-checks.ts';
import { schemaErrors } from './schema-errors.ts';
import { readYamlSource, type YamlSource } from './yaml-source.ts';

export interface LoadCanisterOptions {
  /** The framework's root: its plugins/ are the built-in ones (default: this package). */
  repoRoot?: string;
  /** The project's root: its plugins/ come first and messages show paths relative to it. */
  projectRoot?: string;
  /** Extra plugin roots searched before the project's and the framework's plugins/ (fixtures). */
  pluginRoots?: string[];
  /** A catalog shared between several loads (overrides repoRoot/pluginRoots for plugins). */
  catalog?: PluginCatalog;
  /** Groups declared in system.yaml; when given, `group:` must be one of them. */
  knownGroups?: string[];
}

export type LoadResult =
  { ok: true; config: CanisterTypeConfig; errors: [] } | { ok: false; errors: ConfigError[] };

/** Reads one canister.yaml, validates it completely and reports every error found. */
export async function loadCanisterConfig(
  file: string,
  options: LoadCanisterOptions = {},
): Promise<LoadResult> {
  const repoRoot = options.repoRoot ?? FRAMEWORK_ROOT;
  const projectRoot = options.projectRoot ?? options.repoRoot ?? PROJECT_ROOT;
  const absolute = resolve(file);
  const source = await readYamlSource(absolute, shownPath(absolute, projectRoot));
  if (source.errors.length > 0) return { ok: false, errors: source.errors };
  const catalog =
    options.catalog ?? pluginCatalog({ repoRoot, projectRoot, pluginRoots: options.pluginRoots });

  const raw = source.value ?? {};
  const errors = schemaErrors(await compileSchemaFile(CANISTER_SCHEMA), raw, source);
  const folder = basename(dirname(absolute));
  const yaml = isMap(raw) ? raw : {};
  errors.push(...identityErrors(yaml, folder, dirname(absolute), source, options.knownGroups));
  const plugins = await checkPlugins(yaml.plugins, source, catalog, dirname(absolute));
  errors.push(...plugins.errors, ...collectionErrors(yaml.collections, source));
  if (errors.length > 0) return { ok: false, errors: dedupe(sortConfigErrors(errors)) };

  const config: CanisterTypeConfig = {
    name: folder,
    file: absolute,
    dir: dirname(absolute),
    plugins: plugins.uses,
    shards: (yaml.shards as number | undefined) ?? 1,
    collections: toCollections(yaml.collections),
    bootOrder: plugins.bootOrder,
  };
  if (typeof yaml.service === 'string') config.service = yaml.service;
  if (typeof yaml.group === 'string') config.group = yaml.group;
  return { ok: true, config, errors: [] };
}

/** Plugin lookup order: extra roots, the project's plugins/, the framework's plugins/. */
export function pluginCatalog(roots: {
  repoRoot: string;
  projectRoot: string;
  pluginRoots?: string[];
}): PluginCatalog {
  const folders = [...(roots.pluginRoots ?? []), join(roots.projectRoot, 'plugins')];
  const builtIn = join(roots.repoRoot, 'plugins');
  if (!folders.includes(builtIn)) folders.push(builtIn);
  return new PluginCatalog(folders, roots.projectRoot, roots.projectRoot);
}

function identityErrors(
  yaml: Record<string, unknown>,
  folder: string,
  dir: string,
  source: YamlSource,
  knownGroups: string[] | undefined,
): ConfigError[] {
  const errors: ConfigError[] = [];
  if (typeof yaml.name === 'string' && yaml.name !== folder) {
    errors.push(
      source.errorAt(
        ['name'],
        'CONFIG_NAME_MISMATCH',
        `name must equal the folder name "${folder}"; got "${yaml.name}"`,
      ),
    );
  }
  if (typeof yaml.service === 'string' && !existsSync(join(dir, yaml.service))) {
    errors.push(
      source.errorAt(
        ['service'],
        'CONFIG_SERVICE_NOT_FOUND',
        `service must name an existing module beside canister.yaml; got "${yaml.service}" (no such file)`,
      ),
    );
  }
  if (
    typeof yaml.group === 'string' &&
    knownGroups !== undefined &&
    !knownGroups.includes(yaml.group)
  ) {
    errors.push(
      source.errorAt(
        ['group'],
        'CONFIG_UNKNOWN_GROUP',
        `group must be declared in config/system.yaml (${knownGroups.join(', ') || 'none declared'}); got "${yaml.group}"`,
      ),
    );
  }
  return errors;
}

function toCollections(raw: unknown): CollectionConfig[] {
  if (!isMap(raw)) return [];
  return Object.entries(raw).map(([name, value]) => {
    const collection = value as Record<string, unknown>;
    const fields = Object.entries(collection.fields as Record<string, Record<string, unknown>>).map(
      ([fieldName, field]): FieldConfig => {
        const config: FieldConfig = {
          name: fieldName,
          type: field.type as FieldType,
          optional: field.optional === true,
        };
        for (const key of ['maxLength', 'min', 'max'] as const) {
          if (typeof field[key] === 'number') config[key] = field[key];
        }
        return config;
      },
    );
    const result: CollectionConfig = {
      name,
      fields,
      visibility: (collection.visibility as 'private' | 'public' | undefined) ?? 'private',
      indexes: (collection.indexes as string[] | undefined) ?? [],
    };
    if (typeof collection.maxPerOwner === 'number') result.maxPerOwner = collection.maxPerOwner;
    return result;
  });
}

/** A plugin with a broken folder is reported by every key that uses it; show it once. */
function dedupe(errors: ConfigError[]): ConfigError[] {
  const seen = new Set<string>();
  return errors.filter((error) => {
    const key = `${error.file}:${error.line}:${error.col}:${error.code}:${error.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
