import { CanisterStatus, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';

import { readHealth, type CanisterReport } from '../../cli/status/collect-status.ts';
import { healthText } from '../../cli/status/format-status.ts';
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
    paths: ['module_hash'],
  });
  const moduleHash = state.get('module_hash');
  const health = await healthOf(agent, canister);
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
  healthCell.textContent = health.text;
  healthCell.className = health.className;
  row.append(healthCell);
  return row;
}

/** The canister's health_check in the words `icp-calendar status` uses (failing checks show for monitors). */
async function healthOf(
  agent: HttpAgent,
  canister: { name: string; id: string },
): Promise<{ text: string; className: string }> {
  const report: CanisterReport = { ...canister };
  try {
    report.health = await readHealth(agent, Principal.fromText(canister.id));
  } catch (error) {
    report.problem = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  }
  const status = report.health?.status;
  const className = status === 'healthy' ? 'healthy' : status || report.problem ? 'unhealthy' : '';
  return { text: healthText(report), className };
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
