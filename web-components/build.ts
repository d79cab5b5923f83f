import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';

import { minifyTemplatesPlugin } from './minify-templates.ts';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Bundles `entry` (default: the whole package) into one minified ES module. */
export async function buildWidget(
  outfile = `${here}dist/icp-calendar.js`,
  entry = `${here}index.ts`,
): Promise<string> {
  await build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [minifyTemplatesPlugin()],
    logLevel: 'warning',
  });
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  console.log(await buildWidget());
}
