import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin.js', import.meta.url));
const fixtureArgs = [
  '--canisters',
  'test/fixtures/config',
  '--plugins',
  'test/fixtures/plugins',
  '--system',
  'test/fixtures/config/system/valid.yaml',
];
const cwd = fileURLToPath(new URL('../../', import.meta.url));

describe('icp-calendar check', () => {
  it('prints the plugin setup order of valid canister types and exits 0', async () => {
    const { stdout } = await run(
      process.execPath,
      [bin, 'check', ...fixtureArgs, 'tasks', '--explain'],
      { cwd },
    );
    expect(stdout).toContain(
      'tasks: plugin setup order\n  1. metrics  (YAML order)\n  2. auth  (YAML order)\n  3. backup  (after auth)',
    );
    expect(stdout).toContain('configuration valid: 1 canister type(s)');
  });

  it('prints every error with file:line:col and code, and exits 1', async () => {
    const failure = await run(
      process.execPath,
      [bin, 'check', ...fixtureArgs, 'wrong-option', 'cycle'],
      { cwd },
    ).catch((error: { code: number; stderr: string }) => error);
    expect('code' in failure && failure.code).toBe(1);
    const stderr = (failure as { stderr: string }).stderr;
    expect(stderr).toContain(
      'test/fixtures/config/wrong-option/canister.yaml:6:15  CONFIG_INVALID_OPTION\n  plugins.backup.schedule must look like "every 5m"; got "5 minutes"',
    );
    expect(stderr).toContain(
      'test/fixtures/config/cycle/canister.yaml:2:3  CONFIG_DEPENDENCY_CYCLE',
    );
    expect(stderr).toMatch(/4 configuration errors\n$/);
  });

  it('build stops on the same errors before Azle runs', async () => {
    const failure = await run(
      process.execPath,
      [bin, 'build', ...fixtureArgs, 'missing-dependency'],
      { cwd },
    ).catch((error: { code: number; stdout: string; stderr: string }) => error);
    expect((failure as { code: number }).code).toBe(1);
    expect((failure as { stderr: string }).stderr).toContain('CONFIG_MISSING_DEPENDENCY');
    expect((failure as { stdout: string }).stdout).not.toMatch(/\bazle\b/);
  });
});
