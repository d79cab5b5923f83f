import { join, relative } from 'node:path';

import type { CanisterTypeConfig, PluginUse } from '../config/canister-config.ts';
import { generateCollection } from './generate-collection.ts';
import { tsLiteral } from './generate-literal.ts';
import { camelCase, generatedHeader, importPath } from './generate-names.ts';

/** A file the build writes into a canister's build folder. */
export interface GeneratedFile {
  /** Path relative to the canister's build folder, e.g. `entry.ts`. */
  path: string;
  contents: string;
}

export interface GenerateEntryOptions {
  /** Absolute path of the build folder the files will be written to (e.g. `<root>/build/<name>`). */
  outDir: string;
  /** Absolute path of the framework's root (where core/ and plugins/ live). */
  repoRoot: string;
  /** Absolute path of the project's root; the header names the YAML relative to it (default repoRoot). */
  projectRoot?: string;
}

function pluginVariable(name: string): string {
  return `${camelCase(name)}Plugin`;
}

function pluginEntry(use: PluginUse): string {
  const options = tsLiteral(use.options, '    ');
  return Object.keys(use.options).length === 0
    ? `    ${pluginVariable(use.name)},`
    : `    [${pluginVariable(use.name)}, ${options}],`;
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
  const { outDir, repoRoot } = options;
  const sourceFile = relative(options.projectRoot ?? repoRoot, config.file).split('\\').join('/');
  const coreImport = importPath(outDir, join(repoRoot, 'core', 'index.ts'));
  const collections = config.collections.map((c) => generateCollection(c, sourceFile, coreImport));

  const coreNames = collections.length > 0 ? 'collectionsPlugin, createCanister' : 'createCanister';
  const imports = [`import { ${coreNames} } from '${coreImport}';`];
  for (const use of config.plugins) {
    const dir = use.dir ?? join(repoRoot, 'plugins', use.name);
    const from = use.packageName ?? importPath(outDir, join(dir, 'index.ts'));
    imports.push(`import ${pluginVariable(use.name)} from '${from}';`);
  }
  if (config.service !== undefined) {
    imports.push(`import Service from '${importPath(outDir, join(config.dir, config.service))}';`);
  }
  for (const c of collections) {
    imports.push(`import { ${c.className}, ${c.specName} } from './${c.path}';`);
  }

  const plugins = [
    ...(collections.length > 0
      ? [`    collectionsPlugin([${collections.map((c) => c.specName).join(', ')}]),`]
      : []),
    ...config.plugins.map(pluginEntry),
  ];
  const endpoints = [
    ...(config.service !== undefined ? ['Service'] : []),
    ...collections.map((c) => c.className),
  ];
  const order = [
    ...(collections.length > 0 ? ['collections'] : []),
    ...(config.bootOrder ?? config.plugins.map((p) => p.name)),
  ];

  const entry = `${generatedHeader(sourceFile)}
// Setup order (dependencies first, then YAML order): ${order.join(' → ') || 'no plugins'}.
${imports.join('\n')}

export default createCanister({
  name: '${config.name}',
  plugins: [
${plugins.join('\n')}
  ],
  endpoints: [${endpoints.join(', ')}],
});
`;
  return [{ path: 'entry.ts', contents: entry }, ...collections.map(({ path, contents }) => ({ path, contents }))];
}
