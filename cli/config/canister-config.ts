/**
 * A canister type as declared in `canisters/<name>/canister.yaml`, after the
 * loader has parsed and validated it. The loader produces it; the entry
 * generator and the build consume it.
 */
export interface CanisterTypeConfig {
  /** Folder name under canisters/ (or a fixture folder); equals `name:` in YAML when given. */
  name: string;
  /** Absolute path of the canister.yaml file. */
  file: string;
  /** Absolute path of the folder holding canister.yaml. */
  dir: string;
  /** Domain module relative to `dir` (default export: an endpoint class or an array of them). */
  service?: string;
  /** Plugins in YAML order, each with its validated options. */
  plugins: PluginUse[];
  /** Registry group the canister belongs to. */
  group?: string;
  /** Number of shards the system deploys of this type (default 1). */
  shards: number;
  /** Typed collections of a YAML-only type (CRUD endpoints are generated). */
  collections: CollectionConfig[];
  /**
   * Plugin names in setup order (dependencies first, otherwise YAML order).
   * Filled by the loader; absent when a config is built by hand.
   */
  bootOrder?: string[];
}

export interface PluginUse {
  /** The plugin's manifest name (its run-time name; `dependsOn` refers to it). */
  name: string;
  /** The `plugins:` key in canister.yaml when it differs from `name` (a path or a package). */
  key?: string;
  /** For a plugin installed from npm: the package the generated entry imports. */
  packageName?: string;
  options: Record<string, unknown>;
  /** Absolute path of the plugin folder (plugins/<name>/ or a fixture root). Filled by the loader. */
  dir?: string;
  /** The plugin's manifest `dependsOn`. Filled by the loader. */
  dependsOn?: string[];
}

export type FieldType =
  'text' | 'nat' | 'nat64' | 'int' | 'int64' | 'float64' | 'bool' | 'principal' | 'blob';

export interface FieldConfig {
  name: string;
  type: FieldType;
  optional: boolean;
  /** For text: max characters; for blob: max bytes. */
  maxLength?: number;
  min?: number;
  max?: number;
}

export interface CollectionConfig {
  name: string;
  fields: FieldConfig[];
  /** `private`: only the owner reads; `public`: anyone, including anonymous, reads. */
  visibility: 'private' | 'public';
  /** Field names with a secondary index (list-by-index endpoints). */
  indexes: string[];
  /** Maximum records one owner may hold. */
  maxPerOwner?: number;
}
