import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';

import { compileSchema, compileSchemaFile } from './compile-schema.ts';
import type { ConfigError } from './config-errors.ts';
import { PLUGIN_MANIFEST_SCHEMA, shownPath } from './config-paths.ts';
import { undescribedProperties } from './undescribed-properties.ts';
import { schemaErrors } from './schema-errors.ts';
import { parseYamlSource } from './yaml-source.ts';

/** A plugin folder after its manifest and options schema were read and checked. */
export interface PluginDescriptor {
  /** The manifest's name: the key plugins and `dependsOn` use at run time. */
  name: string;
  /** For a plugin installed from npm: the package name the generated entry imports. */
  packageName?: string;
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
 * The plugins available to canister types. A `plugins:` key in canister.yaml is one of:
 * - a name: a folder with a manifest.json under one of the roots (the project's plugins/,
 *   then the framework's); when two roots hold the same name, the earlier root wins;
 * - a path starting with `./`, `../` or `/`: a plugin folder, relative to the canister.yaml;
 * - an npm package name (`@acme/icp-plugin-audit`, `icp-plugin-audit`) installed in the project.
 * Folders are read lazily and each once.
 */
export class PluginCatalog {
  private readonly cache = new Map<string, Promise<PluginLookup>>();

  constructor(
    private readonly roots: readonly string[],
    private readonly repoRoot: string,
    /** Where npm plugin packages are resolved from (the project's root). */
    private readonly projectRoot: string = repoRoot,
  ) {}

  /** Finds the plugin a `plugins:` key names; `fromDir` is the folder of the canister.yaml. */
  lookup(spec: string, fromDir: string = this.projectRoot): Promise<PluginLookup> {
    const target = this.locate(spec, fromDir);
    const key = target.kind === 'absent' ? `absent:${spec}` : target.dir;
    let pending = this.cache.get(key);
    if (pending === undefined) {
      pending = target.kind === 'absent' ? Promise.resolve({ found: 'absent' }) : this.load(target);
      this.cache.set(key, pending);
    }
    return pending;
  }

  private locate(spec: string, fromDir: string): PluginTarget {
    if (isPathSpec(spec)) {
      const dir = isAbsolute(spec) ? spec : resolve(fromDir, spec);
      return existsSync(join(dir, 'manifest.json')) ? { kind: 'path', dir } : { kind: 'absent' };
    }
    const inRoot = this.roots
      .map((root) => join(root, spec))
      .find((candidate) => existsSync(join(candidate, 'manifest.json')));
    if (inRoot !== undefined) return { kind: 'root', dir: inRoot, folder: spec };
    const packageDir = resolvePackageDir(spec, this.projectRoot);
    if (packageDir === undefined || !existsSync(join(packageDir, 'manifest.json'))) {
      return { kind: 'absent' };
    }
    return { kind: 'package', dir: packageDir, packageName: spec };
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

  private async load(target: Exclude<PluginTarget, { kind: 'absent' }>): Promise<PluginLookup> {
    const { dir } = target;
    const errors: ConfigError[] = [];
    const folder = target.kind === 'root' ? target.folder : undefined;
    const manifest = await this.readManifest(dir, folder, errors);
    const validateOptions = await this.readOptionsSchema(dir, errors);
    if (manifest === undefined || validateOptions === undefined || errors.length > 0)
      return { found: false, errors };
    const packageName = target.kind === 'package' ? target.packageName : undefined;
    return { found: true, plugin: { ...manifest, dir, validateOptions, packageName } };
  }

  /** `folder` is set for plugins found by name in a root: their manifest name must equal it. */
  private async readManifest(dir: string, folder: string | undefined, errors: ConfigError[]) {
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
    if (folder !== undefined && manifest.name !== folder) {
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

type PluginTarget =
  | { kind: 'root'; dir: string; folder: string }
  | { kind: 'path'; dir: string }
  | { kind: 'package'; dir: string; packageName: string }
  | { kind: 'absent' };

function isPathSpec(spec: string): boolean {
  return spec.startsWith('./') || spec.startsWith('../') || isAbsolute(spec);
}

const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/;

/**
 * The folder of an installed npm package, looked up in node_modules from the project upwards
 * as Node does (not through `exports`, which a plugin package need not open to package.json).
 */
function resolvePackageDir(name: string, projectRoot: string): string | undefined {
  if (!PACKAGE_NAME.test(name)) return undefined;
  for (let dir = resolve(projectRoot); ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return undefined;
  }
}
