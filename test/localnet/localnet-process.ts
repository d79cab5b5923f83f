import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../cli/bin.js', import.meta.url));

/** `icp-calendar <args>` as a child process whose output lines can be awaited. */
export class CliProcess {
  readonly child: ChildProcess;
  private output = '';
  private waiters: { pattern: RegExp; resolve: (match: RegExpMatchArray) => void; from: number }[] =
    [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;

  constructor(args: string[], cwd?: string, env?: Record<string, string>, cli = CLI) {
    this.child = spawn(process.execPath, [cli, ...args], {
      cwd,
      env: env ? { ...process.env, ...env } : undefined,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.waiters = this.waiters.filter((waiter) => {
        const match = this.output.slice(waiter.from).match(waiter.pattern);
        if (match) waiter.resolve(match);
        return !match;
      });
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => resolve({ code, signal })),
    );
  }

  get text(): string {
    return this.output;
  }

  /** Resolves with the first match of `pattern` in output written after `from` (default: all output). */
  waitFor(pattern: RegExp, timeoutMs = 120_000, from = 0): Promise<RegExpMatchArray> {
    const existing = this.output.slice(from).match(pattern);
    if (existing) return Promise.resolve(existing);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out waiting for ${pattern}; output so far:\n${this.output}`)),
        timeoutMs,
      );
      this.exited.then(({ code, signal }) =>
        reject(new Error(`exited (${code ?? signal}) before ${pattern}; output:\n${this.output}`)),
      );
      this.waiters.push({
        pattern,
        from,
        resolve: (match) => {
          clearTimeout(timer);
          resolve(match);
        },
      });
    });
  }

  /** Sends `signal` to this child's pid (never by name) and waits for it to exit. */
  async stop(signal: NodeJS.Signals = 'SIGTERM') {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill(signal);
    return this.exited;
  }
}

/** Starts `icp-calendar localnet start` on a free port and resolves with its URL once ready. */
export async function startLocalnetProcess(stateDir: string, extra: string[] = []) {
  const process = new CliProcess([
    'localnet',
    'start',
    '--port',
    '0',
    '--state-dir',
    stateDir,
    ...extra,
  ]);
  const ready = await process.waitFor(/localnet ready at (http:\/\/127\.0\.0\.1:\d+)/);
  return { process, url: ready[1]! };
}
