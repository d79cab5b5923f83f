import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ValidateFunction } from 'ajv';

import { compileSchema, compileSchemaFile } from './compile-schema.ts';
import type { ConfigError } from './config-errors.ts';
import { PLUGIN_MANIFEST_SCHEMA, shownPath } from './config-paths.ts';
import { undescribedProperties } from './undescribed-properties.ts';
import { schemaErrors } from './schema-errors.ts';
import { parseYamlSource } from './yaml-source.ts';

/** A plugin folder after its manifest and options schema were read and checked. */
export interface PluginDescriptor {
  name: string;
  description: string;
  dependsOn: string[];
  /** Absolute path of the plugin folder. */
  dir: string;
  validateOptions: ValidateFunction;
}

export type PluginLookup =
  | { found: true; plugin: PluginDescriptor }
  | { found: false; errors: ConfigError[] }
  | { found: 'absent' };

/**
 * The plugins available to canister types: every folder with a manifest.json under
 * the plugin roots. When two roots hold the same name, the earlier root wins.
 * Folders are read lazily and each once.
 */
export class PluginCatalog {
  private readonly cache = new Map<string, Promise<PluginLookup>>();

  constructor(
    private readonly roots: readonly string[],
    private readonly repoRoot: string,
  ) {}

  lookup(name: string): Promise<PluginLookup> {
    let pending = this.cache.get(name);
    if (pending === undefined) {
      pending = this.load(name);
      this.cache.set(name, pending);
    }
    return pending;
  }

  /** Names of every plugin folder in every root (for "did you mean" hints). */
  async names(): Promise<string[]> {
    const names = new Set<string>();
    for (const root of this.roots) {
      if (!existsSync(root)) continue;
      for (const item of await readdir(root, { withFileTypes: true })) {
        if (item.isDirectory() && existsSync(join(root, item.name, 'manifest.json')))
          names.add(item.name);
      }
    }
    return [...names].sort();
  }

  private async load(name: string): Promise<PluginLookup> {
    const dir = this.roots
      .map((root) => join(root, name))
      .find((candidate) => existsSync(join(candidate, 'manifest.json')));
    if (dir === undefined) return { found: 'absent' };
    const errors: ConfigError[] = [];
    const manifest = await this.readManifest(dir, name, errors);
    const validateOptions = await this.readOptionsSchema(dir, errors);
    if (manifest === undefined || validateOptions === undefined || errors.length > 0)
      return { found: false, errors };
    return { found: true, plugin: { ...manifest, dir, validateOptions } };
  }

  private async readManifest(dir: string, folder: string, errors: ConfigError[]) {
    const file = join(dir, 'manifest.json');
    const source = parseYamlSource(await readFile(file, 'utf8'), shownPath(file, this.repoRoot));
    if (source.errors.length > 0) {
      errors.push(
        ...source.errors.map((error) => ({ ...error, code: 'PLUGIN_INVALID_MANIFEST' as const })),
      );
      return undefined;
    }
    const problems = schemaErrors(
      await compileSchemaFile(PLUGIN_MANIFEST_SCHEMA),
      source.value,
      source,
    );
    errors.push(
      ...problems.map((error) => ({ ...error, code: 'PLUGIN_INVALID_MANIFEST' as const })),
    );
    if (problems.length > 0) return undefined;
    const manifest = source.value as { name: string; description: string; dependsOn?: string[] };
    if (manifest.name !== folder) {
      errors.push(
        source.errorAt(
          ['name'],
          'PLUGIN_INVALID_MANIFEST',
          `name must equal the folder name "${folder}"; got "${manifest.name}"`,
        ),
      );
      return undefined;
    }
    return {
      name: manifest.name,
      description: manifest.description,
      dependsOn: manifest.dependsOn ?? [],
    };
  }

  private async readOptionsSchema(
    dir: string,
    errors: ConfigError[],
  ): Promise<ValidateFunction | undefined> {
    const file = join(dir, 'options.schema.json');
    const shown = shownPath(file, this.repoRoot);
    const fail = (message: string, line = 1, col = 1, path = '') => {
      errors.push({ code: 'PLUGIN_INVALID_OPTIONS_SCHEMA', file: shown, line, col, path, message });
      return undefined;
    };
    if (!existsSync(file))
      return fail('expected options.schema.json beside manifest.json; got no such file');
    const source = parseYamlSource(await readFile(file, 'utf8'), shown);
    if (source.errors.length > 0)
      return fail(source.errors[0]!.message, source.errors[0]!.line, source.errors[0]!.col);
    const undescribed = undescribedProperties(source.value);
    for (const path of undescribed) {
      errors.push(
        source.errorAt(
          path,
          'PLUGIN_INVALID_OPTIONS_SCHEMA',
          `${path.join('.')} must have a "description"; got none`,
          'key',
        ),
      );
    }
    try {
      return compileSchema(source.value as object);
    } catch (cause) {
      return fail(
        `expected a valid JSON Schema; got ${cause instanceof Error ? cause.message : String(cause)}`,
      );
    }
  }
}
