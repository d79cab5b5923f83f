import type { MetricsSnapshot } from './metrics-snapshot.ts';

function label(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

function labels(pairs: Record<string, string>): string {
  return `{${Object.entries(pairs)
    .map(([key, value]) => `${key}="${label(value)}"`)
    .join(',')}}`;
}

/** Renders a snapshot in the Prometheus text exposition format (version 0.0.4). */
export function renderPrometheus(snapshot: MetricsSnapshot): string {
  const out: string[] = [];
  const family = (name: string, type: string, help: string) =>
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
  const base = { canister: snapshot.canister };

  family('canister_calls_total', 'counter', 'Calls per method since start (committed calls only).');
  for (const m of snapshot.methods) {
    out.push(
      `canister_calls_total${labels({ ...base, method: m.method, mode: m.mode })} ${m.calls}`,
    );
  }
  family(
    'canister_errors_total',
    'counter',
    'Calls that ended in an Err, per method and error code.',
  );
  for (const m of snapshot.methods) {
    for (const e of m.errors) {
      out.push(
        `canister_errors_total${labels({ ...base, method: m.method, code: e.code })} ${e.count}`,
      );
    }
  }
  family(
    'canister_instructions',
    'histogram',
    'Instructions per call (performance counter), per method.',
  );
  for (const m of snapshot.methods) {
    const at = { ...base, method: m.method };
    for (const b of m.instructions.buckets) {
      out.push(`canister_instructions_bucket${labels({ ...at, le: String(b.le) })} ${b.count}`);
    }
    out.push(
      `canister_instructions_bucket${labels({ ...at, le: '+Inf' })} ${m.instructions.count}`,
    );
    out.push(`canister_instructions_sum${labels(at)} ${m.instructions.sum}`);
    out.push(`canister_instructions_count${labels(at)} ${m.instructions.count}`);
  }
  family('canister_instructions_max', 'gauge', 'Most instructions one call of the method took.');
  for (const m of snapshot.methods) {
    out.push(
      `canister_instructions_max${labels({ ...base, method: m.method })} ${m.instructions.max}`,
    );
  }
  family('canister_cycles_balance', 'gauge', 'Cycles balance of the canister.');
  out.push(`canister_cycles_balance${labels(base)} ${snapshot.cycles}`);
  family('canister_version', 'gauge', 'Canister version (rises with every install and upgrade).');
  out.push(`canister_version${labels(base)} ${snapshot.canister_version}`);
  family(
    'canister_metrics_start_seconds',
    'gauge',
    'When these counters started (init or last upgrade).',
  );
  out.push(`canister_metrics_start_seconds${labels(base)} ${snapshot.started_at / 1_000_000_000n}`);
  for (const [name, value] of [
    ['canister_heap_bytes', snapshot.heap_bytes],
    ['canister_stable_bytes', snapshot.stable_bytes],
  ] as const) {
    if (value.length === 0) continue;
    family(name, 'gauge', 'Memory in bytes.');
    out.push(`${name}${labels(base)} ${value[0]}`);
  }
  const [backup] = snapshot.backup;
  if (backup !== undefined) {
    family(
      'canister_backup_changes_since',
      'gauge',
      'Successful update calls since the last backup.',
    );
    out.push(`canister_backup_changes_since${labels(base)} ${backup.changes_since_backup}`);
    family('canister_backup_due', 'gauge', '1 when a backup is due (writes or age), else 0.');
    out.push(`canister_backup_due${labels(base)} ${backup.due ? 1 : 0}`);
    if (backup.age_seconds.length > 0) {
      family('canister_backup_age_seconds', 'gauge', 'Seconds since the last backup or restore.');
      out.push(`canister_backup_age_seconds${labels(base)} ${backup.age_seconds[0]}`);
    }
  }
  return `${out.join('\n')}\n`;
}
