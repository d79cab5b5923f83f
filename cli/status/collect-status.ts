import { Actor, CanisterStatus, type HttpAgent } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { managementActor } from '../deploy/management-actor.ts';

export interface HealthSummary {
  status: 'healthy' | 'degraded' | 'unhealthy';
  /** Names of failing checks (only a controller or monitor sees them). */
  failing: string[];
}

export interface CanisterReport {
  name: string;
  id: string;
  state?: 'running' | 'stopping' | 'stopped';
  cycles?: bigint;
  memoryBytes?: bigint;
  /** What the canister burns per day while idle (storage, allocations), as the IC reports it. */
  burnPerDay?: bigint;
  moduleHash?: string;
  /** Absent when the canister has no health plugin. */
  health?: HealthSummary;
  /** What went wrong asking this canister, if anything. */
  problem?: string;
}

interface HealthService {
  health_check(): Promise<{
    status: { healthy: null } | { degraded: null } | { unhealthy: null };
    checks: [] | [{ name: string; healthy: boolean }[]];
  }>;
}

const healthIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    health_check: I.Func(
      [],
      [
        I.Record({
          status: I.Variant({ healthy: I.Null, degraded: I.Null, unhealthy: I.Null }),
          checks: I.Opt(I.Vec(I.Record({ name: I.Text, healthy: I.Bool }))),
        }),
      ],
      ['query'],
    ),
  });

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function declaresHealthCheck(agent: HttpAgent, canisterId: Principal): Promise<boolean> {
  const status = await CanisterStatus.request({ agent, canisterId, paths: ['candid'] });
  const candid = status.get('candid');
  return typeof candid === 'string' && /\bhealth_check\s*:/.test(candid);
}

/** The canister's health_check as its caller sees it; undefined when it declares none. */
export async function readHealth(
  agent: HttpAgent,
  canisterId: Principal,
): Promise<HealthSummary | undefined> {
  if (!(await declaresHealthCheck(agent, canisterId))) return undefined;
  const health = await Actor.createActor<HealthService>(healthIdl, {
    agent,
    canisterId,
  }).health_check();
  return {
    status: Object.keys(health.status)[0] as HealthSummary['status'],
    failing: (health.checks[0] ?? []).filter((c) => !c.healthy).map((c) => c.name),
  };
}

/** Asks each canister (as the agent's identity, normally the deployer) how it is doing. */
export async function collectStatus(
  agent: HttpAgent,
  canisters: { name: string; id: string }[],
): Promise<CanisterReport[]> {
  const reports: CanisterReport[] = [];
  for (const { name, id } of canisters) {
    const report: CanisterReport = { name, id };
    const canisterId = Principal.fromText(id);
    try {
      const status = await managementActor(agent, canisterId).canister_status({
        canister_id: canisterId,
      });
      report.state = Object.keys(status.status)[0] as CanisterReport['state'];
      report.cycles = status.cycles;
      report.memoryBytes = status.memory_size;
      report.burnPerDay = status.idle_cycles_burned_per_day;
      if (status.module_hash[0]) report.moduleHash = hex(Uint8Array.from(status.module_hash[0]));
      const health = await readHealth(agent, canisterId);
      if (health) report.health = health;
    } catch (error) {
      report.problem = message(error).split('\n')[0];
    }
    reports.push(report);
  }
  return reports;
}
