import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('./bin.js', import.meta.url));

describe('icp-calendar CLI', () => {
  it('prints every command for --help', async () => {
    const { stdout } = await run(process.execPath, [bin, '--help']);
    for (const command of ['build', 'start', 'localnet start', 'deploy', 'status', 'new']) {
      expect(stdout).toContain(`  ${command}`);
    }
  });

  it('refuses an unknown command with exit code 1 and the help', async () => {
    const failure = await run(process.execPath, [bin, 'frobnicate']).catch((error) => error);
    expect(failure.code).toBe(1);
    expect(failure.stderr).toContain('unknown command "frobnicate"');
  });
});
