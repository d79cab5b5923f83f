/**
 * Every error code the core runtime raises, with the one-line meaning that
 * core/ERRORS.md documents. A test keeps this table and the document equal.
 * Plugins declare their own codes in their own errors.ts, namespaced by plugin.
 */
export const CORE_ERROR_CODES = {
  AUTH_ANONYMOUS: 'The method needs a signed-in caller; the anonymous principal was found.',
  AUTH_FORBIDDEN: 'The caller does not hold the access level the method declares.',
  AUTH_NOT_OWNER: 'The caller is not the owner of the record it tried to change or read.',
  AUTH_GROUP_UNAVAILABLE: 'The method allows a group, but no plugin provides group membership.',
  INPUT_TOO_LONG: 'A text or blob field is longer than its declared maximum.',
  INPUT_OUT_OF_RANGE: 'A number field is below its minimum or above its maximum.',
  INPUT_INVALID: 'An argument has the wrong shape (missing field, wrong type, bad cursor).',
  NOT_FOUND: 'No record exists under the given id.',
  LIMIT_PER_OWNER: 'The owner already holds the maximum number of records the collection allows.',
  STORE_IMPORT_INVALID:
    'An import was refused as a whole: an entry could not be decoded or the store is unknown.',
  STORE_UNKNOWN: 'No stable store is registered under the given name.',
  CORE_COMPOSITION:
    'The canister composition is invalid (missing access declaration, unknown or cyclic dependency, duplicate name).',
  CORE_HOOK_FAILED: 'A plugin hook threw; the message names the plugin and the hook.',
  CORE_STORE_NOT_OPEN:
    'A stable store was used before init/postUpgrade opened it (a bug in the caller).',
  CORE_MEMORY_EXHAUSTED: 'No stable memory id is left (ids 1-253 are all assigned).',
  CORE_MIGRATION_MISSING:
    'A store declares a schema version without a migration from the stored version.',
  CORE_ARG_INVALID:
    'The argument is not a Candid value of the declared types; refused before decoding.',
  CORE_ARG_TOO_COSTLY:
    'Decoding the argument would cost more than its size allows (a vector claiming more elements than bytes, deep nesting, a large foreign type table).',
} as const;

export type CoreErrorCode = keyof typeof CORE_ERROR_CODES;
