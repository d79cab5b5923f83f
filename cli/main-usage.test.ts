import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';

import { HELP_WIDTH } from './command-help.ts';
import { main } from './main.ts';

const COMMANDS = ['build', 'check', 'start', 'localnet', 'deploy', 'status', 'new', 'init'];

/** Runs the CLI in-process and captures what it prints. */
async function cli(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const code = await main(argv);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

const longestLine = (text: string) => Math.max(...text.split('\n').map((line) => line.length));

let occupied: Server | undefined;
afterEach(() => new Promise<void>((done) => (occupied ? occupied.close(() => done()) : done())));

describe('icp-calendar usage and help', () => {
  it.each(COMMANDS)('answers "%s --help" with its usage and options, exit 0', async (name) => {
    const { code, stdout, stderr } = await cli(name, '--help');
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(new RegExp(`^Usage:\\n  icp-calendar ${name}\\b`));
    expect(longestLine(stdout)).toBeLessThanOrEqual(HELP_WIDTH);
  });

  it('fits the overview into 100 columns', async () => {
    const { stdout } = await cli('--help');
    expect(longestLine(stdout)).toBeLessThanOrEqual(HELP_WIDTH);
    for (const name of COMMANDS) expect(stdout).toContain(`  ${name}`);
  });

  it('prints the usage line and a suggestion for an unknown flag', async () => {
    const { code, stdout, stderr } = await cli('check', '--explian');
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'icp-calendar check: unknown option --explian (did you mean "--explain"?)\n' +
        'Usage: icp-calendar check [names...] [--explain]\n' +
        'Run "icp-calendar check --help" for details.\n',
    );
  });

  it('prints the usage line for any unknown flag of check', async () => {
    const { code, stderr } = await cli('check', '--foo');
    expect(code).toBe(1);
    expect(stderr).toContain('icp-calendar check: unknown option --foo\n');
    expect(stderr).toContain('Usage: icp-calendar check');
  });

  it('suggests the command meant by a typo or a prefix', async () => {
    const typo = await cli('stat');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toMatch(
      /^icp-calendar: unknown command "stat" \(did you mean "status"\?\)/,
    );
    const swapped = await cli('buidl');
    expect(swapped.stderr).toContain('(did you mean "build"?)');
  });

  it('suggests the flag meant for flag-parsed commands too', async () => {
    const { code, stderr } = await cli('start', '--prot', '5000');
    expect(code).toBe(1);
    expect(stderr).toContain('unknown option --prot (did you mean "--port"?)');
    expect(stderr).toContain('Usage: icp-calendar start');
  });

  it('refuses a taken port before building anything', async () => {
    occupied = createServer();
    await new Promise<void>((done) => occupied!.listen(0, '127.0.0.1', done));
    const address = occupied.address();
    if (address === null || typeof address === 'string') throw new Error('no port');
    const { code, stdout, stderr } = await cli(
      'start',
      '--port',
      '0',
      '--demo-port',
      String(address.port),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `icp-calendar start: PORT_IN_USE: expected 127.0.0.1:${address.port} to be free; another ` +
        'program listens there (choose another with --demo-port) (nothing was built or started)\n',
    );
  });
});
