/**
 * Runs the domain inside a real Azle canister (QuickJS in Wasm, no Intl) on localnet and compares
 * its answers with the same functions run in Node.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { IDL } from '@dfinity/candid';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildWithAzle } from '../../../cli/build/azle-build.ts';
import type { Actor } from '../../../localnet/testing/local-actor.ts';
import { LocalNetwork } from '../../../localnet/testing/local-network.ts';
import { expand, localToUtcMs, parseDateTime } from './index.ts';

interface DomainProbe {
  environment(): Promise<string>;
  to_utc(zone: string, local: string): Promise<string>;
  is_known_zone(zone: string): Promise<boolean>;
  expand(rule: string, start: string, zone: string, from: number, to: number): Promise<string[]>;
  ics_round_trip(): Promise<string>;
  instructions(scenario: string): Promise<bigint>;
}

const idlFactory: IDL.InterfaceFactory = ({ IDL }) =>
  IDL.Service({
    environment: IDL.Func([], [IDL.Text], ['query']),
    to_utc: IDL.Func([IDL.Text, IDL.Text], [IDL.Text], ['query']),
    is_known_zone: IDL.Func([IDL.Text], [IDL.Bool], ['query']),
    expand: IDL.Func(
      [IDL.Text, IDL.Text, IDL.Text, IDL.Float64, IDL.Float64],
      [IDL.Vec(IDL.Text)],
      ['query'],
    ),
    ics_round_trip: IDL.Func([], [IDL.Text], ['query']),
    instructions: IDL.Func([IDL.Text], [IDL.Nat64], ['query']),
  });

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));
const domainDir = fileURLToPath(new URL('.', import.meta.url));
const cacheDir = fileURLToPath(new URL('../../../.localnet/wasm-cache', import.meta.url));
let probe: Actor<DomainProbe>;

beforeAll(async () => {
  const built = await buildWithAzle({
    name: 'domain_probe',
    root: fixtures,
    sourceDirs: [domainDir],
  });
  const network = await LocalNetwork.create({ cacheDir });
  const setup = await network.setupCanister<DomainProbe>({
    idlFactory,
    wasm: new Uint8Array(await readFile(built.wasmPath)),
  });
  probe = setup.actor;
});

describe('calendar domain inside a canister', () => {
  it('runs without Intl and knows the generated zones', async () => {
    const environment = JSON.parse(await probe.environment()) as { intl: string; zones: number };
    expect(environment.intl).toBe('undefined');
    expect(environment.zones).toBeGreaterThan(500);
    expect(await probe.is_known_zone('Asia/Kolkata')).toBe(true);
    expect(await probe.is_known_zone('Mars/Base')).toBe(false);
  });

  it('converts local times like Node does, including DST gaps and typed errors', async () => {
    for (const [zone, local] of [
      ['Europe/Berlin', '2025-03-30T02:30:00'],
      ['America/New_York', '2025-11-02T01:30:00'],
      ['Australia/Adelaide', '2025-10-05T02:15:00'],
      ['Asia/Kolkata', '2060-01-01T09:00:00'],
    ] as const) {
      expect(await probe.to_utc(zone, local)).toBe(
        String(localToUtcMs(zone, parseDateTime(local))),
      );
    }
    expect(await probe.to_utc('Nowhere/City', '2025-01-01T00:00:00')).toBe('TZ_UNKNOWN');
  });

  it('expands rules exactly as in Node', async () => {
    const from = Date.UTC(2025, 0, 1);
    const to = Date.UTC(2026, 0, 1);
    for (const rule of [
      'FREQ=WEEKLY;BYDAY=MO,WE',
      'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
      'FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO',
    ]) {
      const inNode = expand(rule, parseDateTime('2024-05-13T09:00:00'), 'Australia/Sydney', {
        from,
        to,
      }).map((i) => String(i.utcMs));
      expect(await probe.expand(rule, '2024-05-13T09:00:00', 'Australia/Sydney', from, to)).toEqual(
        inNode,
      );
    }
    expect(await probe.expand('FREQ=SOMETIMES', '2024-05-13T09:00:00', 'UTC', from, to)).toEqual([
      'RRULE_INVALID',
    ]);
  });

  it('exports and re-imports ICS inside the canister', async () => {
    const summary = JSON.parse(await probe.ics_round_trip()) as {
      rejected: number;
      title: string;
      occurrences: string[];
    };
    expect(summary.rejected).toBe(0);
    expect(summary.title).toBe('Sync 🎉 日本語, with; escapes');
    expect(summary.occurrences).toEqual([
      '2025-03-17T09:00:00',
      '2025-03-31T11:00:00',
      '2025-04-07T09:00:00',
    ]);
  });

  it('prints the instructions each scenario costs inside the canister (figures, not limits)', async () => {
    const scenarios = [
      'to_utc_x1000',
      'weekly_3_days_one_month',
      'daily_one_year',
      'daily_count_5000_last_month',
      'hourly_lord_howe_one_month',
      'minutely_500_two_years_out',
      'minutely_sparse_saturdays_one_year',
      'hourly_count_20000_last_week',
      'list_50_events_one_month',
      'export_50_events',
      'import_50_events',
      'micro_wall_times_365_daily_periods',
      'micro_wall_to_utc_365',
      'micro_civil_of_wall_365',
      'micro_generator_365',
    ];
    for (const scenario of scenarios) {
      const instructions = await probe.instructions(scenario);
      console.log(
        `${scenario.padEnd(30)} ${(Number(instructions) / 1e6).toFixed(1).padStart(8)} M instructions`,
      );
      expect(instructions > 0n).toBe(true);
      expect(instructions < 5_000_000_000n).toBe(true); // the IC's per-query ceiling
    }
  });
});
