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

/**
 * What a message runs: the same pipeline, but the argument arrives as bytes and is decoded
 * only after the @allow check and the admissions passed.
 */
export function pipelinedMessage(
  method: (...args: never[]) => unknown,
  name: string,
  mode: 'query' | 'update',
  metadata: object,
  returnsResult: boolean,
): (self: unknown, bytes: Uint8Array, decode: () => unknown[]) => unknown {
  return (self, bytes, decode) => {
    const call = {
      method: name,
      mode,
      args: [],
      metadata: methodTable(metadata)[name] ?? {},
      returnsResult,
      argBytes: bytes.length,
      decode,
    };
    return activeRuntime().pipeline.run(call, (args) => method.apply(self, args as never[]));
  };
}
