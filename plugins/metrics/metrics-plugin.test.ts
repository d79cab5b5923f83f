import { describe, expect, it, vi } from 'vitest';

vi.mock('azle', () => import('../../core/testing/azle-stub.ts'));

import { Principal } from '@dfinity/principal';

import { ADMIN_CHECK, composeCanister } from '../../core/index.ts';
import { MemoryPlatform } from '../../core/testing/memory-platform.ts';
import backup from '../backup/index.ts';
import records from '../backup/fixtures/plugins/records/index.ts';
import metrics, { type MetricsSnapshot } from './index.ts';

const controller = Principal.fromUint8Array(new Uint8Array([1]));
const monitor = Principal.fromText('rrkah-fqaaa-aaaaa-aaaaq-cai');
const user = Principal.fromUint8Array(new Uint8Array([3]));

type Api = Record<string, (...args: unknown[]) => unknown>;

function boot(withBackup: boolean) {
  const platform = new MemoryPlatform();
  platform.controllers.push(controller);
  const plugins = [
    records,
    ...(withBackup ? [backup] : []),
    [metrics, { monitors: [monitor.toText()], instructionBuckets: [2500, 5000] }] as const,
  ];
  const canister = composeCanister({ name: 'probe', plugins }, platform);
  canister.init();
  const api: Api = {};
  for (const cls of canister.classes) {
    const instance = new cls() as Api;
    for (const name of Object.getOwnPropertyNames(cls.prototype)) {
      if (name !== 'constructor') api[name] = (...args) => instance[name]!(...args);
    }
  }
  const call = (who: Principal, method: string, ...args: unknown[]) =>
    platform.as(who, () => api[method]!(...args));
  return { platform, canister, call };
}

const get = (path: string) => ({
  method: 'GET',
  url: path,
  headers: [],
  body: new Uint8Array(),
  certificate_version: [],
});
const text = (response: unknown) =>
  new TextDecoder().decode((response as { body: Uint8Array }).body);

describe('metrics plugin (memory platform)', () => {
  it('counts calls, errors by code and instructions per method', () => {
    const { call } = boot(false);
    call(user, 'seed_records', 'people', 0, 2);
    call(user, 'seed_records', 'people', 2, 2);
    call(user, 'fail_put', 'people');
    call(user, 'fail_put', 'nowhere');
    const snapshot = (call(controller, 'get_metrics') as { Ok: MetricsSnapshot }).Ok;
    const seed = snapshot.methods.find((m) => m.method === 'seed_records')!;
    expect(seed).toMatchObject({ mode: 'update', calls: 2n, errors: [] });
    expect(seed.instructions.count).toBe(2n);
    expect(seed.instructions.sum).toBeGreaterThan(0n);
    expect(seed.instructions.max).toBeLessThanOrEqual(seed.instructions.sum);
    expect(seed.instructions.buckets.map((b) => b.le)).toEqual([2500n, 5000n]);
    const fail = snapshot.methods.find((m) => m.method === 'fail_put')!;
    expect(fail.calls).toBe(2n);
    expect(fail.errors).toEqual([
      { code: 'INPUT_INVALID', count: 1n },
      { code: 'NOT_FOUND', count: 1n },
    ]);
    expect(snapshot.cycles).toBe(10_000_000_000_000n);
    expect(snapshot.backup).toEqual([]);
  });

  it('serves Prometheus text at /metrics to monitors only, 404 elsewhere', () => {
    const { call } = boot(true);
    call(user, 'seed_records', 'tags', 0, 1);
    call(user, 'fail_put', 'tags');
    const body = text(call(monitor, 'http_request', get('/metrics?x=1')));
    expect(body).toContain('# TYPE canister_calls_total counter');
    expect(body).toContain(
      'canister_calls_total{canister="probe",method="seed_records",mode="update"} 1',
    );
    expect(body).toContain(
      'canister_errors_total{canister="probe",method="fail_put",code="INPUT_INVALID"} 1',
    );
    expect(body).toMatch(
      /canister_instructions_bucket\{canister="probe",method="seed_records",le="\+Inf"\} 1/,
    );
    expect(body).toContain('canister_cycles_balance{canister="probe"} 10000000000000');
    expect(body).toContain('canister_backup_changes_since{canister="probe"} 1');
    expect(body).toContain('canister_backup_due{canister="probe"} 1');
    const refused = call(user, 'http_request', get('/metrics')) as { status_code: number };
    expect(refused.status_code).toBe(403);
    expect(text(refused)).toContain('METRICS_FORBIDDEN');
    expect(
      (call(Principal.anonymous(), 'http_request', get('/metrics')) as { status_code: number })
        .status_code,
    ).toBe(403);
    expect(
      (call(monitor, 'http_request', get('/other')) as { status_code: number }).status_code,
    ).toBe(404);
  });

  it('refuses get_metrics to users, admits monitors, controllers and ADMIN_CHECK admins', () => {
    const { call, canister } = boot(false);
    expect(call(user, 'get_metrics')).toMatchObject({ Err: { code: 'METRICS_FORBIDDEN' } });
    expect(call(Principal.anonymous(), 'get_metrics')).toMatchObject({
      Err: { code: 'AUTH_ANONYMOUS' },
    });
    expect(call(monitor, 'get_metrics')).toHaveProperty('Ok');
    canister.host.container.provideValue(ADMIN_CHECK, {
      isAdmin: (p) => p.toText() === user.toText(),
    });
    expect(call(user, 'get_metrics')).toHaveProperty('Ok');
  });
});
