/**
 * Where method declarations live. Stage-3 decorators share one metadata
 * object per class; QuickJS has no Symbol.metadata, so esbuild's fallback key
 * Symbol.for('Symbol.metadata') is where the class exposes it.
 */
export type AccessLevel =
  | 'public'
  | 'user'
  | 'owner'
  | 'admin'
  /** Controllers only, never admins granted at run time: for changes of whom the canister trusts. */
  | 'controller'
  | `group:${string}`;

/** Every access level kind `@allow` knows (`group:<name>` counts as `group`). */
export const ACCESS_LEVEL_KINDS = [
  'public',
  'user',
  'owner',
  'admin',
  'controller',
  'group',
] as const;

export type MethodLimits = Record<string, number>;

export interface MethodMetadata {
  mode?: 'query' | 'update';
  access?: AccessLevel[];
  metered?: boolean;
  limits?: MethodLimits;
}

const METHODS = Symbol.for('icp-calendar:methods');
const FALLBACK_METADATA = Symbol.for('Symbol.metadata');

type MetadataObject = Record<PropertyKey, unknown>;

/** The per-method table inside one class's decorator metadata object. */
export function methodTable(metadata: object): Record<string, MethodMetadata> {
  const bag = metadata as MetadataObject;
  if (!Object.prototype.hasOwnProperty.call(bag, METHODS)) bag[METHODS] = {};
  return bag[METHODS] as Record<string, MethodMetadata>;
}

/** Merges `patch` into the declarations of one method. */
export function declareMethod(
  metadata: object | undefined,
  method: string,
  patch: MethodMetadata,
): void {
  if (metadata === undefined) {
    throw new Error(`@${method}: decorator metadata is missing; compile with stage-3 decorators`);
  }
  const table = methodTable(metadata);
  table[method] = { ...table[method], ...patch };
}

/** The method table of a decorated class, or an empty table. */
export function classMethods(cls: object): Record<string, MethodMetadata> {
  const standard = (Symbol as { metadata?: symbol }).metadata;
  const metadata =
    (standard === undefined ? undefined : (cls as MetadataObject)[standard]) ??
    (cls as MetadataObject)[FALLBACK_METADATA];
  return metadata === undefined || metadata === null ? {} : methodTable(metadata as object);
}
