/**
 * Every error code the configuration loader and the build can report, with the
 * one-line meaning documented in config/README.md (a test keeps both equal).
 */
export const CONFIG_ERROR_CODES = {
  CONFIG_FILE_UNREADABLE: 'The YAML file does not exist or cannot be read.',
  CONFIG_YAML_SYNTAX: 'The file is not valid YAML.',
  CONFIG_DUPLICATE_KEY: 'A map names the same key twice.',
  CONFIG_UNKNOWN_KEY: 'A key the schema does not define (often a typo).',
  CONFIG_MISSING_KEY: 'A required key is absent.',
  CONFIG_WRONG_TYPE: 'A value has the wrong type (string where a number is expected, …).',
  CONFIG_INVALID_VALUE:
    'A value has the right type but is out of range, not allowed or badly shaped.',
  CONFIG_NAME_MISMATCH: '`name:` differs from the folder that holds canister.yaml.',
  CONFIG_SERVICE_NOT_FOUND: 'The `service:` module does not exist.',
  CONFIG_UNKNOWN_PLUGIN: 'A plugin key names no plugin folder in any plugin root.',
  CONFIG_MISSING_DEPENDENCY: 'A plugin depends on a plugin the canister does not turn on.',
  CONFIG_DEPENDENCY_CYCLE: 'Plugins depend on each other in a cycle.',
  CONFIG_INVALID_OPTION: "A plugin option does not satisfy the plugin's options.schema.json.",
  CONFIG_INVALID_FIELD: 'A collection field combines settings that do not fit its type.',
  CONFIG_UNKNOWN_INDEX_FIELD: 'A collection index names a field the collection does not declare.',
  CONFIG_DUPLICATE_NAME: 'The same name is used twice where names must be unique.',
  CONFIG_UNKNOWN_GROUP: 'A group is used that system.yaml does not declare.',
  CONFIG_UNKNOWN_CANISTER: 'A canister type is named that has no canisters/<type>/canister.yaml.',
  CONFIG_PRIVATE_IMPORT:
    "A project's code imports the framework by a path its package does not export.",
  PLUGIN_INVALID_MANIFEST: "A plugin's manifest.json is missing, unreadable or badly shaped.",
  PLUGIN_INVALID_OPTIONS_SCHEMA:
    "A plugin's options.schema.json is missing, not a valid JSON Schema, or leaves a property undescribed.",
} as const;

export type ConfigErrorCode = keyof typeof CONFIG_ERROR_CODES;

/** One problem in one file: where, which stable code, and what was expected versus found. */
export interface ConfigError {
  code: ConfigErrorCode;
  /** Path of the file as shown to the user (relative to the repository root when possible). */
  file: string;
  /** 1-based line and column of the offending node (1:1 when the file itself is the problem). */
  line: number;
  col: number;
  /** Dotted path of the offending node inside the file, e.g. `plugins.backup.schedule`; '' for the root. */
  path: string;
  /** Sentence saying what was expected and what was found. */
  message: string;
}

/** The two-line form shown to the user: `file:line:col  CODE` then the indented message. */
export function formatConfigError(error: ConfigError): string {
  return `${error.file}:${error.line}:${error.col}  ${error.code}\n  ${error.message}`;
}

export function formatConfigErrors(errors: readonly ConfigError[]): string {
  const count = `${errors.length} configuration error${errors.length === 1 ? '' : 's'}`;
  return [...errors.map(formatConfigError), count].join('\n');
}

/** Stable display order: by file, then position, then code. */
export function sortConfigErrors(errors: readonly ConfigError[]): ConfigError[] {
  return [...errors].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      a.code.localeCompare(b.code),
  );
}

/** Renders a found value compactly for messages: strings quoted, objects as JSON. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'object') {
    const json = JSON.stringify(value);
    return json.length > 60 ? `${json.slice(0, 57)}...` : json;
  }
  return String(value);
}
