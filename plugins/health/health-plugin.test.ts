import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../core/testing/azle-stub.ts'));

import { Principal } from '@dfinity/principal';

import { composeCanister, definePlugin } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import records from '../backup/fixtures/plugins/records/index.ts';
import health, { type HealthReply } from './index.ts';
import { storeSize } from './store-checks.ts';

const controller = Principal.fromUint8Array(new Uint8Array([1]));
const monitor = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const dependency = 'ryjl3-tyaaa-aaaaa-aaaba-cai';

function boot(options: Record<string, unknown>, extra: Parameters<typeof definePlugin>[0][] = []) {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const canister = composeCanister(
    {
      name: 'probe',
      plugins: [
        records,
        ...extra,
        [health, { monitors: [monitor.toText()], version: 'v9', ...options }],
      ],
    },
    platform,
  );
  canister.init();
  const [cls] = canister.classes.filter((c) => c.name === 'HealthEndpoints');
  const api = new cls!() as { health_check(): HealthReply };
  const ask = (who: Principal) => platform.as(who, () => api.health_check());
  const seed = (n: number) =>
    platform.as(controller, () =>
      (new canister.classes[0]!() as Record<string, (...a: unknown[]) => unknown>).seed_records!(
        'people',
        0,
        n,
      ),
    );
  return { platform, ask, seed };
}

const checks = (reply: HealthReply) => Object.fromEntries(reply.checks[0]!.map((c) => [c.name, c]));

describe('health plugin (memory platform)', () => {
  it('reports healthy with version to anyone, details to monitors', () => {
    const { ask } = boot({});
    const open = ask(Principal.anonymous());
    expect(open).toMatchObject({
      status: { healthy: null },
      version: { canister: 'probe', build: 'v9', canister_version: 0n },
      checks: [],
    });
    const detail = ask(monitor);
    expect(Object.keys(checks(detail))).toEqual([
      'cycles-minimum',
      'cycles-runway',
      'stores',
      'memory',
    ]);
    expect(checks(detail).stores).toMatchObject({
      healthy: true,
      critical: true,
      detail: '3 stores readable',
    });
    expect(ask(controller).checks.length).toBe(1);
  });

  it('is degraded by a failing non-critical check and unhealthy by a critical one', () => {
    const { ask, seed, platform } = boot({
      memory: { maxStoreEntries: 5 },
      cycles: { minimum: 5_000_000, runwayDays: 10, sample: 'every 1h' },
    });
    seed(6);
    expect(checks(ask(controller)).memory).toMatchObject({
      healthy: false,
      detail: '6 of at most 5 entries stored',
    });
    expect(ask(controller).status).toEqual({ degraded: null });
    platform.cycles = 1_000_000n;
    expect(ask(Principal.anonymous()).status).toEqual({ unhealthy: null });
  });

  it('measures the cycles runway from timer samples', () => {
    const { ask, platform } = boot({ cycles: { runwayDays: 10, sample: 'every 1h' } });
    expect(checks(ask(controller))['cycles-runway']!.detail).toBe(
      'burn rate unknown until two samples',
    );
    platform.cycles -= 24n * 100_000_000n; // 100M per hour for a day...
    platform.advance(86_400); // ...sampled every hour
    const runway = checks(ask(controller))['cycles-runway']!;
    expect(runway.healthy).toBe(true);
    expect(runway.detail).toMatch(/^runway 4\d{3}\.\d days/);
    platform.cycles = 2_000_000_000n;
    expect(checks(ask(controller))['cycles-runway']).toMatchObject({ healthy: false });
  });

  it('probes dependencies from timers and fails a stale one', async () => {
    const options = {
      dependencies: [
        { name: 'registry', canister: dependency, every: 'every 1m', staleAfter: '3m' },
      ],
    };
    const { ask, platform } = boot(options);
    let up = true;
    platform.calls.set(dependency, (method) => {
      if (!up) throw new Error('canister stopped');
      return method;
    });
    platform.advance(60);
    await new Promise((resolve) => setImmediate(resolve));
    expect(checks(ask(controller))['dependency:registry']).toMatchObject({ healthy: true });
    up = false;
    for (let i = 0; i < 4; i++) {
      platform.advance(60);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const stale = checks(ask(controller))['dependency:registry']!;
    expect(stale.healthy).toBe(false);
    expect(stale.detail).toMatch(/reached 240s ago; last probe failed: Error: canister stopped/);
    expect(ask(controller).status).toEqual({ degraded: null });
  });

  it('folds checks other plugins register, and refuses a dependency listed twice', () => {
    const extra = definePlugin({
      name: 'extra',
      setup: (ctx) => ctx.healthCheck('queue', () => ({ healthy: false, detail: 'stuck' })),
    });
    const { ask } = boot({ critical: ['queue'] }, [extra]);
    expect(checks(ask(controller)).queue).toMatchObject({
      plugin: 'extra',
      healthy: false,
      critical: true,
    });
    expect(ask(controller).status).toEqual({ unhealthy: null });
    const twice = [
      { name: 'a', canister: dependency },
      { name: 'a', canister: dependency },
    ];
    expect(() => boot({ dependencies: twice })).toThrow(/dependency a is listed twice/);
  });

  it('finds a store size with empty export windows', () => {
    const sizes = [0, 1, 2, 3, 7, 8, 9, 1000];
    for (const size of sizes) {
      const exporter = {
        storeNames: () => ['s'],
        exportChunk: (_: string, start: number) => ({
          store: 's',
          version: 1,
          entries: [],
          ...(start < size ? { next: start } : {}),
        }),
        importAll: () => 0,
      };
      expect(storeSize(exporter, 's')).toBe(size);
    }
  });
});
