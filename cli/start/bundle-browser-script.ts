import { build } from 'esbuild';

/**
 * Bundles a browser entry (with @dfinity/agent and friends) into one ES module, in memory. The demo needs no
 * build output: the widget ships the calendar canister's bindings (web-components/client/generated/).
 */
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
  });
  return result.outputFiles[0]!.text;
}
