import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FRAMEWORK_ROOT } from '../config/config-paths.ts';

// `npm run test:package`. A new user's path end to end: pack this checkout, `init` a project outside the repository,
// scaffold a plugin as its own npm package, pack it, install both, turn the plugin on, and run
// the project's own `npm test` (Azle build plus tests on localnet, all from node_modules).
const run = promisify(execFile);
const BIN = join(FRAMEWORK_ROOT, 'cli', 'bin.js');
const NPM_FLAGS = ['--ignore-scripts', '--no-audit', '--no-fund', '--prefer-offline'];
let scratch: string;
let app: string;

async function pack(dir: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--pack-destination', scratch, ...NPM_FLAGS], {
    cwd: dir,
  });
  return join(scratch, stdout.trim().split('\n').pop()!);
}

const PLUGIN_TEST = `import { readFile } from 'node:fs/promises';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { LocalNetwork } from 'icp-calendar/localnet/testing';
import { expect, it } from 'vitest';

import { idlFactory, type _SERVICE } from '../../build/notes/bindings/index.ts';

it('the audit plugin from npm refuses the third update of the day', async () => {
  const network = await LocalNetwork.create();
  try {
    const owner = Principal.fromUint8Array(new Uint8Array([9, 9]));
    const wasm = await readFile(new URL('../../.azle/notes/notes.wasm', import.meta.url));
    const { actor } = await network.setupCanister<_SERVICE>({
      idlFactory, wasm: new Uint8Array(wasm), arg: new Uint8Array(IDL.encode([], [])), sender: owner,
    });
    actor.setPrincipal(owner);
    expect('Ok' in (await actor.add_item('one'))).toBe(true);
    expect('Ok' in (await actor.add_item('two'))).toBe(true);
    expect(await actor.add_item('three')).toMatchObject({ Err: { code: 'AUDIT_QUOTA' } });
    expect(await actor.audit_calls_today(owner)).toBe(2);
  } finally {
    await network.tearDown();
  }
});
`;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'icp-calendar-init-'));
  app = join(scratch, 'my-app');
}, 60_000);

afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('icp-calendar init: a separate project on the packed framework', () => {
  it('builds and passes its own tests, with a plugin installed from a tarball', async () => {
    const framework = await pack(FRAMEWORK_ROOT);
    await run(process.execPath, [BIN, 'init', app, '--from', `file:${framework}`], {
      cwd: scratch,
    });
    expect((await readdir(join(app, 'canisters', 'notes'))).sort()).toEqual([
      'canister.yaml',
      'notes.test.ts',
      'service.ts',
    ]);

    const pluginDir = join(scratch, 'audit');
    await run(
      process.execPath,
      [BIN, 'new', 'plugin', 'audit', '--package', '@acme/icp-plugin-audit', '--dir', pluginDir],
      { cwd: scratch },
    );
    const plugin = await pack(pluginDir);

    const manifest = JSON.parse(await readFile(join(app, 'package.json'), 'utf8'));
    manifest.dependencies['@acme/icp-plugin-audit'] = `file:${plugin}`;
    await writeFile(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
    const yamlFile = join(app, 'canisters', 'notes', 'canister.yaml');
    const yaml = await readFile(yamlFile, 'utf8');
    await writeFile(yamlFile, `${yaml.trimEnd()}\n  "@acme/icp-plugin-audit": { dailyQuota: 2 }\n`);
    await writeFile(join(app, 'canisters', 'notes', 'audit.test.ts'), PLUGIN_TEST);

    await run('npm', ['install', ...NPM_FLAGS], { cwd: app, maxBuffer: 1 << 24 });
    const tested = await run('npm', ['test'], {
      cwd: app,
      maxBuffer: 1 << 24,
      env: { ...process.env, ICP_CALENDAR_PROJECT: '', NO_COLOR: '1', FORCE_COLOR: '0' },
    }).catch((error: { stdout: string; stderr: string }) => {
      throw new Error(`npm test failed in ${app}:\n${error.stdout}\n${error.stderr}`);
    });
    expect(tested.stdout).toMatch(/^notes\s+azle\s/m);
    expect(tested.stdout).toMatch(/Tests\s+3 passed \(3\)/);
  }, 600_000);
});
