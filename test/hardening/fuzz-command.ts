import { formatReport, runFuzz } from './fuzz.ts';
import { methodBudgets } from './method-budgets.ts';
import { deploySystem } from './system-net.ts';

/**
 * `npm run fuzz -- [calls] [seed]`: the long fuzz run (default 50,000 calls), printing its
 * figures. Runs under tsx with `azle-stub-register.mjs`, which method-budgets.ts needs.
 */
const calls = Number(process.argv[2] ?? 50_000);
const seed = Number(process.argv[3] ?? 1);
const budgets = await methodBudgets();
const { network, types } = await deploySystem();
const started = Date.now();
const report = await runFuzz({
  network,
  types,
  calls,
  seed,
  budgets,
  log: (line) => console.log(line),
});
console.log(formatReport(report));
console.log(`seed ${seed}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
await network.tearDown();
process.exitCode = report.problems.length === 0 ? 0 : 1;
