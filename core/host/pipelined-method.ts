import { methodTable } from '../decorators/metadata.ts';
import { activeRuntime } from './current-runtime.ts';

/**
 * Wraps an endpoint method so every call runs through the canister's
 * pipeline. Metadata is read at call time, so decorator order is irrelevant.
 */
export function pipelined(
  method: (...args: never[]) => unknown,
  name: string,
  mode: 'query' | 'update',
  metadata: object,
  returnsResult: boolean,
): (...args: unknown[]) => unknown {
  return function (this: unknown, ...args: unknown[]): unknown {
    const call = {
      method: name,
      mode,
      args,
      metadata: methodTable(metadata)[name] ?? {},
      returnsResult,
    };
    return activeRuntime().pipeline.run(call, () => method.apply(this, args as never[]));
  };
}
