import { canisterYaml, serviceTs } from '../new/canister-template.ts';

/** What `icp-calendar init` needs to know to write a project. */
export interface ProjectInput {
  /** npm package name of the new project (from its folder name). */
  name: string;
  /** The dependency on this framework as package.json writes it (`^0.1.0`, `file:…`). */
  frameworkSpec: string;
  /** Versions of the packages the project's own code imports, kept in step with the framework's. */
  versions: Record<
    'vitest' | 'agent' | 'candid' | 'principal' | 'typescript' | 'types-node',
    string
  >;
}

/** The example canister type every new project starts with. */
export const EXAMPLE_TYPE = 'notes';

/** Relative path → contents of every file of a new project. */
export function projectFiles(input: ProjectInput): Record<string, string> {
  const template = { type: EXAMPLE_TYPE, group: 'app', coreImport: 'icp-calendar/core' };
  return {
    'package.json': packageJson(input),
    '.npmrc': 'ignore-scripts=true\n',
    '.gitignore': ['node_modules/', '.azle/', '.dfx/', '.localnet/', '/build/', ''].join('\n'),
    'tsconfig.json': TSCONFIG,
    'vitest.config.ts': VITEST_CONFIG,
    'config/system.yaml': SYSTEM_YAML,
    [`canisters/${EXAMPLE_TYPE}/canister.yaml`]: canisterYaml(template),
    [`canisters/${EXAMPLE_TYPE}/service.ts`]: serviceTs(template),
    [`canisters/${EXAMPLE_TYPE}/${EXAMPLE_TYPE}.test.ts`]: EXAMPLE_TEST,
    'README.md': readme(input.name),
  };
}

function packageJson({ name, frameworkSpec, versions }: ProjectInput): string {
  const manifest = {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      start: 'icp-calendar start',
      build: 'icp-calendar build',
      test: 'icp-calendar build && vitest run',
      check: 'icp-calendar check',
    },
    dependencies: { 'icp-calendar': frameworkSpec },
    devDependencies: {
      '@dfinity/agent': versions.agent,
      '@dfinity/candid': versions.candid,
      '@dfinity/principal': versions.principal,
      '@types/node': versions['types-node'],
      typescript: versions.typescript,
      vitest: versions.vitest,
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

const TSCONFIG = `${JSON.stringify(
  {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'bundler',
      lib: ['ES2023', 'DOM'],
      types: ['node'],
      strict: true,
      allowImportingTsExtensions: true,
      skipLibCheck: true,
      noEmit: true,
    },
    include: ['canisters', 'plugins', 'test'],
  },
  null,
  2,
)}\n`;

// The framework ships TypeScript sources: vitest must transform them rather than hand them to Node.
const VITEST_CONFIG = `import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 300_000,
    server: { deps: { inline: ['icp-calendar'] } },
  },
});
`;

const SYSTEM_YAML = `# Which canister types this project deploys, and their groups.
# Every key is validated by \`icp-calendar check\`; see the icp-calendar README.
version: 1

groups:
  app:
    description: The project's canisters.

canisters:
  ${EXAMPLE_TYPE}: { group: app }

schedules: {}

environments:
  local:
    network: local
    host: http://127.0.0.1:4943
  ic:
    network: ic
`;

const EXAMPLE_TEST = `import { readFile } from 'node:fs/promises';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { LocalNetwork, type Actor } from 'icp-calendar/localnet/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// \`npm test\` runs \`icp-calendar build\` first: the Wasm and its bindings are fresh.
import { idlFactory, type _SERVICE } from '../../build/${EXAMPLE_TYPE}/bindings/index.ts';

const alice = Principal.fromUint8Array(new Uint8Array([7, 1]));
const bob = Principal.fromUint8Array(new Uint8Array([7, 2]));
let network: LocalNetwork;
let notes: Actor<_SERVICE>;

beforeAll(async () => {
  network = await LocalNetwork.create();
  const wasm = await readFile(new URL('../../.azle/${EXAMPLE_TYPE}/${EXAMPLE_TYPE}.wasm', import.meta.url));
  ({ actor: notes } = await network.setupCanister<_SERVICE>({
    idlFactory,
    wasm: new Uint8Array(wasm),
    arg: new Uint8Array(IDL.encode([], [])),
    sender: alice,
  }));
});

afterAll(() => network?.tearDown());

describe('${EXAMPLE_TYPE} canister', () => {
  it('keeps each user\\'s items apart', async () => {
    notes.setPrincipal(alice);
    const added = await notes.add_item('water the plants');
    expect('Ok' in added).toBe(true);
    expect((await notes.my_items()).map((item) => item.text)).toEqual(['water the plants']);
    notes.setPrincipal(bob);
    expect(await notes.my_items()).toEqual([]);
  });

  it('refuses empty text with a typed error', async () => {
    notes.setPrincipal(alice);
    expect(await notes.add_item('  ')).toMatchObject({ Err: { code: 'INPUT_INVALID' } });
  });
});
`;

function readme(name: string): string {
  return `# ${name}

Canisters for the Internet Computer, built with the icp-calendar framework: each canister type is
a \`canister.yaml\` under \`canisters/\` that turns plugins on, plus the domain code it needs.

\`\`\`sh
npm install && npm start   # build the canisters, start the local network, deploy
npm test                   # build, then the tests on the local network
\`\`\`

- \`config/system.yaml\` lists the canister types the project deploys and their groups.
- \`canisters/${EXAMPLE_TYPE}/\` is the example type: \`canister.yaml\` (plugins and options),
  \`service.ts\` (its endpoints and store) and its test.
- \`npx icp-calendar new <type>\` adds a canister type; \`npx icp-calendar new plugin <name>\` adds
  a plugin under \`plugins/\`; \`npx icp-calendar --help\` lists every command.

Import the framework only through its public entry points: \`icp-calendar/core\`,
\`icp-calendar/plugins/<name>\` and \`icp-calendar/localnet/testing\`. The build refuses other
paths into the package.
`;
}
