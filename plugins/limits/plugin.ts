import { type CallInfo, CanisterError, definePlugin, type Platform } from '../../core/index.ts';
import { INGRESS_FILTERS } from '../auth/index.ts';
import { currentArgBytes } from './arg-bytes.ts';
import { shapeViolation } from './arg-shape.ts';
import { effectiveLimits, type LimitSet } from './limit-set.ts';
import { TokenBuckets } from './token-buckets.ts';
import { LIMITS, type LimitsService } from './tokens.ts';

export interface LimitsOptions {
  defaults?: LimitSet;
  methods?: Record<string, LimitSet>;
  exemptControllers?: boolean;
  maxTrackedCallers?: number;
}

const DEFAULT_MAX_TRACKED_CALLERS = 10_000;

function sizeViolation(call: CallInfo, limits: LimitSet): CanisterError | undefined {
  if (limits.maxArgBytes === undefined) return undefined;
  const bytes = call.argBytes ?? currentArgBytes();
  if (bytes <= limits.maxArgBytes) return undefined;
  return new CanisterError(
    'LIMITS_ARG_TOO_LARGE',
    `${call.method}: the argument is ${bytes} bytes, over the limit of ${limits.maxArgBytes}`,
    { expected: `at most ${limits.maxArgBytes} bytes`, found: `${bytes} bytes` },
  );
}

function rateViolation(
  call: CallInfo,
  limits: LimitSet,
  buckets: TokenBuckets,
  platform: Platform,
  exemptControllers: boolean,
): CanisterError | undefined {
  // A query's heap changes are discarded, so only updates can be counted.
  if (call.mode !== 'update' || limits.ratePerMinute === undefined) return undefined;
  if (exemptControllers && platform.isController(call.caller)) return undefined;
  const budget = {
    ratePerMinute: limits.ratePerMinute,
    burst: limits.burst ?? Math.ceil(limits.ratePerMinute),
  };
  const taken = buckets.take(`${call.method} ${call.caller.toText()}`, budget, platform.time());
  if (taken.ok) return undefined;
  return new CanisterError(
    'LIMITS_RATE_LIMITED',
    `${call.method}: too many calls from this caller; retry in ${taken.retryAfterSeconds}s`,
    {
      expected: `at most ${budget.burst} calls at once and ${budget.ratePerMinute} per minute`,
      found: 'one call over the budget',
    },
  );
}

export const limits = definePlugin<LimitsOptions>({
  name: 'limits',
  setup(ctx) {
    const { options, platform } = ctx;
    const defaults = options.defaults ?? {};
    const perMethod = options.methods ?? {};
    const exemptControllers = options.exemptControllers ?? true;
    const buckets = new TokenBuckets(options.maxTrackedCallers ?? DEFAULT_MAX_TRACKED_CALLERS);
    const service: LimitsService = {
      effective: (method, metadata) => effectiveLimits(method, metadata, defaults, perMethod),
      trackedBuckets: () => buckets.size(),
    };
    ctx.provide(LIMITS, service);
    // With auth present, oversized ingress is dropped in inspect_message, before Azle decodes it.
    const addIngressFilter = (): void =>
      ctx.resolveOptional(INGRESS_FILTERS)?.add('limits', ({ method, metadata }) => {
        const max = service.effective(method, metadata ?? {}).maxArgBytes;
        return max === undefined || currentArgBytes() <= max;
      });
    ctx.onInit(addIngressFilter);
    ctx.onPostUpgrade(addIngressFilter);
    // Size before decoding: an oversized argument costs nothing to refuse.
    ctx.admit((call) => sizeViolation(call, service.effective(call.method, call.metadata)));
    // Shape then rate: a refused call does not spend the caller's budget.
    ctx.guard((call) => {
      const set = service.effective(call.method, call.metadata);
      return (
        shapeViolation(call.args, set) ??
        rateViolation(call, set, buckets, platform, exemptControllers)
      );
    });
  },
});
