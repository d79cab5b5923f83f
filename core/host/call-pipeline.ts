import type { Container } from '../di/container.ts';
import { CanisterError, isCanisterError } from '../errors/canister-error.ts';
import type { Admission, CallInfo, CallOutcome, Guard, Interceptor } from '../plugin-context.ts';
import type { Platform } from '../platform/platform.ts';
import { checkAccess } from './access-check.ts';

export interface Registered<T> {
  plugin: string;
  value: T;
}

export interface PipelineCall {
  method: string;
  mode: CallInfo['mode'];
  args: unknown[];
  metadata: CallInfo['metadata'];
  /** True when the method's Candid return type is a core `Result(T)`. */
  returnsResult: boolean;
  /** Size of the raw argument, when it arrives undecoded (a message). */
  argBytes?: number;
  /** Decodes the raw argument once admitted; throws a CanisterError to refuse it. */
  decode?: () => unknown[];
}

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * Runs one call: `before` interceptors → @allow check → admissions (size,
 * before any decoding) → decoding → guards (first refusal stops) → handler →
 * `after` interceptors in reverse order. So a caller without access, or an
 * oversized argument, is refused before the argument costs anything.
 * Expected failures (CanisterError) become `Err` when the method returns a
 * Result; anything else is a bug and traps.
 */
export class CallPipeline {
  constructor(
    private readonly platform: Platform,
    private readonly container: Container,
    private readonly guards: Registered<Guard>[],
    private readonly interceptors: Registered<Interceptor>[],
    private readonly admissions: Registered<Admission>[] = [],
  ) {}

  run(call: PipelineCall, handler: (args: unknown[]) => unknown): unknown {
    const info: CallInfo = {
      method: call.method,
      mode: call.mode,
      caller: this.platform.caller(),
      args: call.args,
      metadata: call.metadata,
      ...(call.argBytes === undefined ? {} : { argBytes: call.argBytes }),
    };
    for (const { value } of this.interceptors) value.before?.(info);
    let result: unknown;
    let refusal: unknown;
    try {
      refusal = this.refusal(info, call.decode);
      if (refusal === undefined) result = handler(info.args);
    } catch (error) {
      refusal = error;
    }
    if (refusal !== undefined) return this.finish(info, call, { ok: false, error: refusal });
    if (isPromise(result)) {
      return result.then(
        (value) => this.finish(info, call, { ok: true, value }),
        (error: unknown) => this.finish(info, call, { ok: false, error }),
      );
    }
    return this.finish(info, call, { ok: true, value: result });
  }

  private refusal(info: CallInfo, decode?: () => unknown[]): CanisterError | undefined {
    const denied = checkAccess(info, this.platform, this.container);
    if (denied !== undefined) return denied;
    for (const { value: admit } of this.admissions) {
      const refused = admit(info);
      if (refused !== undefined) return refused;
    }
    // A decoding refusal is a CanisterError thrown here; run() turns it into the outcome.
    if (decode !== undefined) info.args = decode();
    for (const { value: guard } of this.guards) {
      const refused = guard(info);
      if (refused !== undefined) return refused;
    }
    return undefined;
  }

  private finish(info: CallInfo, call: PipelineCall, outcome: CallOutcome): unknown {
    for (let i = this.interceptors.length - 1; i >= 0; i--) {
      this.interceptors[i]!.value.after?.(info, outcome);
    }
    if (outcome.ok) return call.returnsResult ? { Ok: outcome.value } : outcome.value;
    if (call.returnsResult && isCanisterError(outcome.error)) return { Err: outcome.error.toErr() };
    throw outcome.error;
  }
}
