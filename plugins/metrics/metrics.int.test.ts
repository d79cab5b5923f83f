import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { LocalNetwork, type Actor } from '../../localnet/index.ts';
import { buildPluginFixture } from '../backup/fixtures/build-fixture.ts';
import { HttpRequestIdl, HttpResponseIdl, MetricsSnapshotIdl } from './candid.ts';
import type { HttpRequest, HttpResponse, MetricsSnapshot } from './index.ts';

const fixturesDir = fileURLToPath(new URL('./fixtures', import.meta.url));
const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(61));
const monitor = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(62)); // listed in canister.yaml
const user = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(63));

type Reply<T> = { Ok: T } | { Err: { code: string; message: string } };
interface MetricsProbe {
  work(rounds: number): Promise<Reply<number>>;
  refuse(code: string): Promise<Reply<number>>;
  peek(): Promise<number>;
  get_metrics(): Promise<Reply<MetricsSnapshot>>;
  http_request(request: HttpRequest): Promise<HttpResponse>;
}
const Err = IDL.Record({ code: IDL.Text, message: IDL.Text });
const Result = (ok: IDL.Type) => IDL.Variant({ Ok: ok, Err });
const idlFactory: IDL.InterfaceFactory = () =>
  IDL.Service({
    work: IDL.Func([IDL.Nat32], [Result(IDL.Nat32)], []),
    refuse: IDL.Func([IDL.Text], [Result(IDL.Nat32)], []),
    peek: IDL.Func([], [IDL.Nat32], ['query']),
    get_metrics: IDL.Func([], [Result(MetricsSnapshotIdl)], ['query']),
    http_request: IDL.Func([HttpRequestIdl], [HttpResponseIdl], ['query']),
  });

let network: LocalNetwork;
let probe: Actor<MetricsProbe>;
let canisterId: Principal;

const scrape = (): HttpRequest => ({
  method: 'GET',
  url: '/metrics',
  headers: [],
  body: new Uint8Array(),
  certificate_version: [],
});
const body = (response: HttpResponse) => new TextDecoder().decode(Uint8Array.from(response.body));

beforeAll(async () => {
  const wasm = await buildPluginFixture(fixturesDir, 'metrics_probe');
  network = await LocalNetwork.create();
  const setup = await network.setupCanister<MetricsProbe>({
    idlFactory,
    wasm,
    arg: new Uint8Array(IDL.encode([], [])),
    sender: controller.getPrincipal(),
  });
  probe = setup.actor;
  canisterId = setup.canisterId;
});

afterAll(async () => {
  await network?.tearDown();
});

describe('metrics plugin on localnet (metrics_probe fixture)', () => {
  const measured: bigint[] = [];

  it('records a scripted workload: calls, errors by code, instructions', async () => {
    probe.setIdentity(user);
    const engineCanister = network.engine.getCanister(canisterId)!;
    for (const rounds of [10, 1000, 20_000]) {
      expect('Ok' in (await probe.work(rounds))).toBe(true);
      measured.push(engineCanister.lastInstructions);
    }
    for (const code of ['QUOTA_EXCEEDED', 'QUOTA_EXCEEDED', 'INPUT_INVALID']) {
      expect(await probe.refuse(code)).toMatchObject({ Err: { code } });
    }
    await probe.peek(); // a query: its state change is discarded, so it is not counted

    probe.setIdentity(monitor);
    const reply = await probe.get_metrics();
    if ('Err' in reply) throw new Error(reply.Err.code);
    const methods = Object.fromEntries(reply.Ok.methods.map((m) => [m.method, m]));
    expect(Object.keys(methods).sort()).toEqual(['refuse', 'work']);
    const work = methods.work!;
    expect(work.calls).toBe(3n);
    expect(work.errors).toEqual([]);
    expect(work.instructions.count).toBe(3n);
    // The counter is read in the last interceptor, so it is a little below what the engine metered.
    const [small, , large] = measured;
    expect(work.instructions.max).toBeLessThanOrEqual(large!);
    expect(work.instructions.max).toBeGreaterThan(large! / 2n);
    expect(work.instructions.sum).toBeGreaterThan(work.instructions.max + small! / 2n);
    const cumulative = work.instructions.buckets.map((b) => b.count);
    expect(cumulative).toEqual([...cumulative].sort((a, b) => Number(a - b)));
    expect(cumulative.at(-1)).toBeLessThanOrEqual(3n);
    expect(methods.refuse).toMatchObject({
      calls: 3n,
      errors: [
        { code: 'INPUT_INVALID', count: 1n },
        { code: 'QUOTA_EXCEEDED', count: 2n },
      ],
    });
    expect(reply.Ok.cycles).toBe(await network.getCyclesBalance(canisterId));
    console.log(
      `work instructions (engine): ${measured.join(', ')}; get_metrics max ${work.instructions.max}, sum ${work.instructions.sum}`,
    );
  });

  it('serves the same figures as Prometheus text at /metrics through http_request', async () => {
    probe.setIdentity(controller);
    const response = await probe.http_request(scrape());
    expect(response.status_code).toBe(200);
    const text = body(response);
    expect(text).toContain(
      'canister_calls_total{canister="metrics_probe",method="work",mode="update"} 3',
    );
    expect(text).toContain(
      'canister_errors_total{canister="metrics_probe",method="refuse",code="QUOTA_EXCEEDED"} 2',
    );
    expect(text).toContain('canister_instructions_count{canister="metrics_probe",method="work"} 3');
    expect(text).toMatch(
      /canister_instructions_bucket\{canister="metrics_probe",method="work",le="\+Inf"\} 3/,
    );
    expect(text).toMatch(/canister_cycles_balance\{canister="metrics_probe"\} \d+/);
    console.log(
      text
        .split('\n')
        .filter((line) => line.includes('method="work"'))
        .join('\n'),
    );
  });

  it('keeps figures from users and the anonymous gateway caller', async () => {
    probe.setIdentity(user);
    expect(await probe.get_metrics()).toMatchObject({ Err: { code: 'METRICS_FORBIDDEN' } });
    expect((await probe.http_request(scrape())).status_code).toBe(403);
    probe.setPrincipal(Principal.anonymous());
    expect(await probe.get_metrics()).toMatchObject({ Err: { code: 'AUTH_ANONYMOUS' } });
    const refused = await probe.http_request(scrape());
    expect(refused.status_code).toBe(403);
    expect(body(refused)).not.toContain('cycles');
  });
});
