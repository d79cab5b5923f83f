import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import fc from 'fast-check';

import {
  deepOpt,
  truncatedText,
  vecNullClaim,
  wideTable,
} from '../../core/testing/candid-bombs.ts';
import type { LocalNetwork } from '../../localnet/index.ts';
import { arbitraryFor } from './candid-arbitrary.ts';
import { controller, type DeployedType, measure } from './system-net.ts';

/**
 * The fuzz suite: for every deployed type and method, well-typed arguments from the method's
 * Candid type and malformed messages, as several identities. Checks: no trap on well-typed
 * input, no call over its budget (each method's declared `maxInstructions`, see
 * method-budgets.ts), no store changed by a refused call (backup_plan's store figures as the
 * canary), every canister healthy at the end.
 */
/** Malformed input of any method must be refused (or trap) well under 1 B instructions. */
export const MALFORMED_BUDGET = 1_000_000_000n;

export interface MethodStats {
  calls: number;
  refusals: number;
  traps: number;
  maxInstructions: bigint;
  maxMalformedInstructions: bigint;
  budget: bigint;
}

export interface FuzzReport {
  calls: number;
  stats: Map<string, MethodStats>;
  problems: string[];
}

const identities = [
  Principal.anonymous(),
  Ed25519KeyIdentity.generate(new Uint8Array(32).fill(93)).getPrincipal(),
  controller.getPrincipal(),
];

function malformed(rng: SeededRandom, wellTyped: Uint8Array): Uint8Array {
  switch (rng.nextInt(0, 6)) {
    case 0:
      return wellTyped.subarray(0, rng.nextInt(0, Math.max(0, wellTyped.length - 1)));
    case 1:
      return vecNullClaim(2 ** rng.nextInt(8, 31));
    case 2:
      return deepOpt(rng.nextInt(60, 5000));
    case 3:
      return wideTable(rng.nextInt(200, 3000));
    case 4:
      return truncatedText();
    case 5: {
      const flipped = wellTyped.slice();
      if (flipped.length > 4) flipped[rng.nextInt(4, flipped.length - 1)] ^= 0xff;
      return flipped;
    }
    default:
      return Uint8Array.from({ length: rng.nextInt(0, 64) }, () => rng.nextInt(0, 255));
  }
}

/** mulberry32: a small seeded generator, so a run repeats exactly. */
class SeededRandom {
  constructor(private state: number) {}
  /** An integer in [min, max]; without arguments, any 31-bit integer. */
  nextInt(min = 0, max = 2 ** 31 - 1): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    return min + Math.floor(unit * (max - min + 1));
  }
}

const REFUSAL_TEXT = /^[A-Z][A-Z0-9_]+: /;
const ErrOnly = IDL.Variant({ Err: IDL.Record({ code: IDL.Text, message: IDL.Text }) });

function isErrReply(reply: Uint8Array): boolean {
  try {
    IDL.decode([ErrOnly], reply);
    return true;
  } catch {
    return false;
  }
}

async function canary(network: LocalNetwork, type: DeployedType): Promise<string> {
  const arg = new Uint8Array(IDL.encode([], []));
  const read = await measure(
    network,
    { sender: controller.getPrincipal(), canisterId: type.canisterId, method: 'backup_plan', arg },
    'query',
  );
  // Store names, counts and bytes; not `created_at` or `changes` (time and write counters).
  if (!read.reply) return String(read.rejectMessage);
  const plan = type.service._fields.find(([name]) => name === 'backup_plan')![1] as IDL.FuncClass;
  const [decoded] = IDL.decode(plan.retTypes, read.reply) as [{ Ok?: { stores: unknown } }];
  return JSON.stringify(decoded.Ok?.stores, (_key, value: unknown) =>
    typeof value === 'bigint' ? value.toString() : value,
  );
}

export async function runFuzz(options: {
  network: LocalNetwork;
  types: DeployedType[];
  calls: number;
  seed: number;
  /** Instruction budget per `type.method` (method-budgets.ts); every deployed method has one. */
  budgets: Map<string, bigint>;
  log?: (line: string) => void;
}): Promise<FuzzReport> {
  const { network, types } = options;
  const rng = new SeededRandom(options.seed);
  const stats = new Map<string, MethodStats>();
  const problems: string[] = [];
  const methods = types.flatMap((type) =>
    type.service._fields.map(([name, func]) => ({ type, name, func: func as IDL.FuncClass })),
  );
  // Periodic timers (the load balancer's health poller, provisioning steps) write stores on
  // their own; with the clock held still they never fall due, so a store change seen around a
  // refused call is that call's. Zero-delay timers a call sets still run within its message.
  const clock = network.engine.clock;
  clock.set(clock.now());
  const canaries = new Map<string, string>();
  for (const type of types) canaries.set(type.name, await canary(network, type));

  for (let i = 0; i < options.calls; i++) {
    const { type, name, func } = methods[rng.nextInt(0, methods.length - 1)]!;
    const mode = func.annotations.includes('query') ? 'query' : 'update';
    const values = func.argTypes.map(
      (t) => fc.sample(arbitraryFor(t), { seed: rng.nextInt(), numRuns: 1 })[0],
    );
    const wellTyped = new Uint8Array(IDL.encode(func.argTypes, values));
    const isMalformed = rng.nextInt(0, 3) === 0;
    const arg = isMalformed ? malformed(rng, wellTyped) : wellTyped;
    const sender = identities[rng.nextInt(0, identities.length - 1)]!;
    const key = `${type.name}.${name}`;
    const budget = options.budgets.get(key);
    if (budget === undefined) throw new Error(`${key}: no budget known (method-budgets.ts)`);
    const stat = stats.get(key) ?? {
      calls: 0,
      refusals: 0,
      traps: 0,
      maxInstructions: 0n,
      maxMalformedInstructions: 0n,
      budget,
    };
    stats.set(key, stat);
    const result = await measure(
      network,
      { sender, canisterId: type.canisterId, method: name, arg },
      mode,
    );
    stat.calls++;
    const refused = result.replied
      ? isErrReply(result.reply!)
      : REFUSAL_TEXT.test(result.rejectMessage ?? '');
    const trapped = !result.replied && !refused;
    if (refused) stat.refusals++;
    if (trapped) {
      stat.traps++;
      if (!isMalformed)
        problems.push(`${key} trapped on well-typed input: ${result.rejectMessage?.slice(0, 200)}`);
    }
    if (result.instructions > stat.maxInstructions) stat.maxInstructions = result.instructions;
    if (isMalformed && result.instructions > stat.maxMalformedInstructions) {
      stat.maxMalformedInstructions = result.instructions;
    }
    const limit = isMalformed ? MALFORMED_BUDGET : budget;
    if (result.instructions > limit) {
      problems.push(
        `${key}: ${result.instructions} instructions over its ${isMalformed ? 'malformed-input ' : ''}budget of ${limit}`,
      );
    }
    if (mode === 'update') {
      const after = await canary(network, type);
      if ((refused || trapped) && after !== canaries.get(type.name)) {
        problems.push(`${key}: refused, yet the stores changed`);
      }
      canaries.set(type.name, after);
    }
    if ((i + 1) % 1000 === 0) options.log?.(`${i + 1} calls, ${problems.length} problems`);
  }
  clock.followWallClock();
  for (const type of types) {
    const health = await measure(
      network,
      {
        sender: controller.getPrincipal(),
        canisterId: type.canisterId,
        method: 'health_check',
        arg: new Uint8Array(IDL.encode([], [])),
      },
      'query',
    );
    if (!health.replied)
      problems.push(`${type.name}: health_check failed: ${health.rejectMessage}`);
  }
  return { calls: options.calls, stats, problems };
}

export function formatReport(report: FuzzReport): string {
  const lines = [
    `${'method'.padEnd(44)} ${'calls'.padStart(6)} ${'refused'.padStart(8)} ${'traps'.padStart(6)} ${'max instr'.padStart(14)} ${'budget'.padStart(14)} ${'max malformed'.padStart(14)}`,
  ];
  for (const [key, s] of [...report.stats].sort(([a], [b]) => a.localeCompare(b))) {
    lines.push(
      `${key.padEnd(44)} ${String(s.calls).padStart(6)} ${String(s.refusals).padStart(8)} ${String(s.traps).padStart(6)} ${s.maxInstructions.toString().padStart(14)} ${s.budget.toString().padStart(14)} ${s.maxMalformedInstructions.toString().padStart(14)}`,
    );
  }
  const total = [...report.stats.values()];
  lines.push(
    `total: ${report.calls} calls, ${total.reduce((n, s) => n + s.refusals, 0)} refusals, ${total.reduce((n, s) => n + s.traps, 0)} traps, max malformed ${total.reduce((m, s) => (s.maxMalformedInstructions > m ? s.maxMalformedInstructions : m), 0n)} instructions; ${report.problems.length} problems`,
  );
  return lines.concat(report.problems.slice(0, 50)).join('\n');
}
