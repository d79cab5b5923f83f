import { IDL, type Platform, Principal } from '../../core/index.ts';

/** The parts of a shard's replies the load balancer reads (Candid lets a reader ignore the rest). */
const HealthReply = IDL.Record({
  status: IDL.Variant({ healthy: IDL.Null, degraded: IDL.Null, unhealthy: IDL.Null }),
});
const MetricsReply = IDL.Variant({
  Ok: IDL.Record({
    methods: IDL.Vec(
      IDL.Record({ mode: IDL.Text, instructions: IDL.Record({ count: IDL.Nat64, sum: IDL.Nat }) }),
    ),
  }),
  Err: IDL.Record({ code: IDL.Text, message: IDL.Text }),
});

export type HealthOutcome =
  | { kind: 'answered'; status: 'healthy' | 'degraded' | 'unhealthy' }
  | { kind: 'stopped'; text: string }
  | { kind: 'failed'; text: string };

/** The reject text of a failed inter-canister call (Azle throws `{ rejectCode, rejectMessage }`). */
export function rejectText(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const e = error as { rejectMessage?: string; message?: string; rejectCode?: number };
    if (e.rejectMessage !== undefined) return `reject ${e.rejectCode ?? '?'}: ${e.rejectMessage}`;
    if (e.message !== undefined) return e.message;
  }
  return String(error);
}

/** Calls the shard's public health_check; a stopped or stopping canister is told apart. */
export async function pollHealth(platform: Platform, canister: string): Promise<HealthOutcome> {
  try {
    const reply = await platform.call<{ status: Record<string, null> }>(
      Principal.fromText(canister),
      'health_check',
      { paramIdlTypes: [], returnIdlType: HealthReply, args: [] },
    );
    const status = Object.keys(reply.status)[0] as 'healthy' | 'degraded' | 'unhealthy';
    return { kind: 'answered', status };
  } catch (error) {
    const text = rejectText(error).slice(0, 200);
    // IC0508 / IC0509: "Canister … is stopped" / "is stopping".
    return /is stopp(ed|ing)|IC050[89]/.test(text)
      ? { kind: 'stopped', text }
      : { kind: 'failed', text };
  }
}

/**
 * Mean instructions per update call from the shard's get_metrics (allowed for its controllers and
 * admins); undefined when the load balancer may not read them or the shard has served no update.
 */
export async function pollCost(platform: Platform, canister: string): Promise<bigint | undefined> {
  try {
    const reply = await platform.call<
      | { Ok: { methods: { mode: string; instructions: { count: bigint; sum: bigint } }[] } }
      | { Err: unknown }
    >(Principal.fromText(canister), 'get_metrics', {
      paramIdlTypes: [],
      returnIdlType: MetricsReply,
      args: [],
    });
    if (!('Ok' in reply)) return undefined;
    let count = 0n;
    let sum = 0n;
    for (const method of reply.Ok.methods) {
      if (method.mode !== 'update') continue;
      count += method.instructions.count;
      sum += method.instructions.sum;
    }
    return count === 0n ? undefined : sum / count;
  } catch {
    return undefined;
  }
}
