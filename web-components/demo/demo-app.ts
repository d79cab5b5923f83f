import { CanisterStatus, HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import type { DemoConfig } from './demo-config.ts';
import './demo-calendar.ts';

/** The first demo page: network status through @dfinity/agent, and the deployed canisters. */
async function main(): Promise<void> {
  const config = (await (await fetch('./config.json')).json()) as DemoConfig;
  text('network-host', `at ${config.host}`);
  const agent = await HttpAgent.create({ host: config.host, shouldFetchRootKey: true });
  const status = await agent.status();
  text('network-status', String(status['replica_health_status'] ?? 'unknown'));
  const rootKey = agent.rootKey;
  text('root-key', rootKey ? hex(rootKey).slice(-32) : 'none');
  document.getElementById('canisters-empty')!.hidden = config.canisters.length > 0;
  document.getElementById('canisters')!.hidden = config.canisters.length === 0;
  const rows = document.querySelector('#canisters tbody')!;
  for (const canister of config.canisters) rows.append(await canisterRow(agent, canister));
  document.body.dataset.ready = 'true';
}

async function canisterRow(
  agent: HttpAgent,
  canister: { name: string; id: string },
): Promise<HTMLTableRowElement> {
  const row = document.createElement('tr');
  row.dataset.canister = canister.name;
  const canisterId = Principal.fromText(canister.id);
  const state = await CanisterStatus.request({
    agent,
    canisterId,
    paths: ['module_hash', 'candid'],
  });
  const moduleHash = state.get('module_hash');
  const candid = state.get('candid');
  const health = await checkHealth(agent, canisterId, typeof candid === 'string' ? candid : '');
  for (const value of [
    canister.name,
    canister.id,
    typeof moduleHash === 'string' ? moduleHash.slice(0, 16) : 'empty',
  ]) {
    const cell = document.createElement('td');
    cell.textContent = value;
    row.append(cell);
  }
  const healthCell = document.createElement('td');
  healthCell.textContent = health;
  healthCell.className =
    health === 'healthy' ? 'healthy' : health === 'no health method' ? '' : 'unhealthy';
  row.append(healthCell);
  return row;
}

/** A canister with a `health` query is healthy when it replies; its reply's shape is not needed for that. */
async function checkHealth(
  agent: HttpAgent,
  canisterId: Principal,
  candid: string,
): Promise<string> {
  if (!/\bhealth\s*:/.test(candid)) return 'no health method';
  try {
    const response = await agent.query(canisterId, {
      methodName: 'health',
      arg: IDL.encode([], []),
    });
    return response.status === 'replied' ? 'healthy' : `rejected: ${response.reject_message}`;
  } catch (error) {
    return `unreachable: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function text(id: string, value: string): void {
  document.getElementById(id)!.textContent = value;
}

function hex(bytes: ArrayBuffer | Uint8Array): string {
  return [...new Uint8Array(bytes)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

main().catch((error: unknown) => {
  text('network-status', `error: ${error instanceof Error ? error.message : String(error)}`);
  document.body.dataset.ready = 'error';
});
