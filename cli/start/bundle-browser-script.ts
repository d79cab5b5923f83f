import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { build, type Plugin } from 'esbuild';

import { REPO_ROOT } from '../config/config-paths.ts';

/** Browser code imports `icp-calendar-bindings:<canister>`; see web-components/demo/generated-bindings.d.ts. */
const BINDINGS_PREFIX = /^icp-calendar-bindings:(.+)$/;

/**
 * Resolves `icp-calendar-bindings:<name>` to the git-ignored build/<name>/bindings/index.ts written by the
 * build step, or to an empty module (`idlFactory = null`) when that canister has not been built.
 */
const generatedBindings: Plugin = {
  name: 'icp-calendar-bindings',
  setup(plugin) {
    plugin.onResolve({ filter: BINDINGS_PREFIX }, (args) => {
      const name = BINDINGS_PREFIX.exec(args.path)![1]!;
      const path = join(REPO_ROOT, 'build', name, 'bindings', 'index.ts');
      return existsSync(path) ? { path } : { path: name, namespace: 'missing-bindings' };
    });
    plugin.onLoad({ filter: /.*/, namespace: 'missing-bindings' }, () => ({
      contents: 'export const idlFactory = null;',
      loader: 'js',
    }));
  },
};

/** Bundles a browser entry (with @dfinity/agent and friends) into one ES module, in memory. */
export async function bundleBrowserScript(entryPath: string): Promise<string> {
  const result = await build({
    entryPoints: [entryPath],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    write: false,
    logLevel: 'silent',
    plugins: [generatedBindings],
  });
  return result.outputFiles[0]!.text;
}
