import type { CanisterTypeConfig } from '../config/canister-config.ts';

/** A file the build writes into a canister's build folder. */
export interface GeneratedFile {
  /** Path relative to the canister's build folder, e.g. `entry.ts`. */
  path: string;
  contents: string;
}

export interface GenerateEntryOptions {
  /** Absolute path of the build folder the files will be written to (e.g. `<root>/build/<name>`). */
  outDir: string;
  /** Absolute path of the repository root (where core/ and plugins/ live). */
  repoRoot: string;
}

/**
 * Turns a validated canister type into the TypeScript entry module Azle compiles.
 * The first file returned is the entry (`entry.ts`); its default export is the
 * array of endpoint classes. Owned by the core runtime; the build only calls it.
 */
export function generateEntry(
  config: CanisterTypeConfig,
  options: GenerateEntryOptions,
): GeneratedFile[] {
  throw new Error(
    `generateEntry(${config.name}) in ${options.outDir}: the entry generator has not landed yet`,
  );
}
