import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** `npm run bench -- <name>`: runs one benchmark; with no name, lists them. They print figures, never pass/fail. */
const benchmarks: Record<string, string> = {
  'localnet-module':
    'module rewrite and metering: cold/warm prepare, sizes, hello set_message instructions',
  'localnet-engine':
    'engine: cold/warm start, median update/query latency, instructions per update',
  'localnet-http': 'HTTP interface: certificate, query, update, read_state latencies',
  'localnet-throughput': 'calls per second through HTTP with concurrent agents',
  'localnet-durability':
    'localnet start: updates/s with 1/16/64 agents, queries/s, query latency during checkpoints',
  'localnet-restore':
    'a saved state folder: restore CPU/wall, first and second checkpoint after it',
  start: 'icp-calendar start: start-to-ready time and CPU, cold and warm',
  'core-overhead': 'instructions of a composed endpoint vs a bare Azle method',
  backup:
    'backup canister: instructions and cycles to back up and recover N events, stable bytes per event',
  'backup-plan':
    'backup plugin: backup_plan instructions by store size (the O(n²) walk), chunk export at both ends',
  calendar: 'calendar canister: instructions per create_event and month list_events by store size',
  'calendar-subscription':
    'calendar ICS subscription: instructions of a refresh with a ~1 MB feed (first fetch, 304, one change)',
  'load-balancer':
    'user write via the directory vs direct vs proxy; route instructions with 1 k vs 1 M placements',
  notification:
    'notification canister: instructions per enqueue and per delivered reminder, cycles per outcall',
  'widget-render':
    '<icp-calendar> vs FullCalendar 6/7: month with 1,000 events, settled time, bundle sizes',
};

const name = process.argv[2];
if (name === undefined || !(name in benchmarks)) {
  if (name !== undefined) process.stderr.write(`unknown benchmark "${name}"\n\n`);
  const width = Math.max(...Object.keys(benchmarks).map((key) => key.length));
  const lines = Object.entries(benchmarks).map(([key, what]) => `  ${key.padEnd(width)}  ${what}`);
  process.stdout.write(['Usage: npm run bench -- <name>', '', ...lines, ''].join('\n'));
  process.exit(name === undefined ? 0 : 1);
}
const script = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
const tsx = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));
const child = spawn(process.execPath, [tsx, script, ...process.argv.slice(3)], {
  stdio: 'inherit',
});
child.on('close', (code) => process.exit(code ?? 1));
