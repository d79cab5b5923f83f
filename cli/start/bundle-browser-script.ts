import { build } from 'esbuild';

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
  });
  return result.outputFiles[0]!.text;
}
