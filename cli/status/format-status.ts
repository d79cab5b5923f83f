import { formatCycles } from '../deploy/cycles-amount.ts';
import type { CanisterReport } from './collect-status.ts';

const TRILLION = 1_000_000_000_000n;

function cycles(value: bigint | undefined): string {
  if (value === undefined) return '-';
  const whole = value / TRILLION;
  const tenths = ((value % TRILLION) * 100n) / TRILLION;
  return `${whole}.${String(tenths).padStart(2, '0')} T`;
}

function megabytes(value: bigint | undefined): string {
  return value === undefined ? '-' : `${(Number(value) / 1_048_576).toFixed(1)} MiB`;
}

/** Days the balance lasts at the idle burn rate (calls cost more: see the README's cost table). */
function runway(report: CanisterReport): string {
  if (report.cycles === undefined || !report.burnPerDay) return '-';
  const days = report.cycles / report.burnPerDay;
  return days > 36_500n ? '> 100 y' : `${days} d`;
}

/** The health column of `icp-calendar status` (the demo page shows the same words). */
export function healthText(report: CanisterReport): string {
  if (report.problem !== undefined) return `error: ${report.problem}`;
  if (report.health === undefined) return 'no health plugin';
  const { status, failing } = report.health;
  return failing.length > 0 ? `${status} (failing: ${failing.join(', ')})` : status;
}

/** A plain-text table, one canister per row. */
export function formatStatus(reports: CanisterReport[]): string {
  const rows = [
    ['canister', 'id', 'state', 'cycles', 'burn/day', 'runway', 'memory', 'module', 'health'],
    ...reports.map((report) => [
      report.name,
      report.id,
      report.state ?? '-',
      cycles(report.cycles),
      report.burnPerDay === undefined ? '-' : formatCycles(report.burnPerDay),
      runway(report),
      megabytes(report.memoryBytes),
      report.moduleHash?.slice(0, 12) ?? '-',
      healthText(report),
    ]),
  ];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
        .join('  '),
    )
    .join('\n');
}
