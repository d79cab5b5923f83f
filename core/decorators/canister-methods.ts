import { IDL } from '@dfinity/candid';
import { msgArgData, msgReply, query as azleQuery, update as azleUpdate } from 'azle';

import { isResultType } from '../errors/result.ts';
import { pipelined } from '../host/pipelined-method.ts';
import { decodeArgs, prepareArgs } from '../host/arg-decoding.ts';
import { encodeReply, prepareReply } from '../host/reply-encoding.ts';
import { declareMethod } from './metadata.ts';

export interface QueryOptions {
  composite?: boolean;
  hidden?: boolean;
}
export interface UpdateOptions {
  hidden?: boolean;
}

type Method = (this: unknown, ...args: never[]) => unknown;
type Registrar = (method: Method, context: ClassMethodDecoratorContext) => void;

function isPromise(value: unknown): value is Promise<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}

/**
 * What Azle runs for a message (registered with `manual: true`): decode the
 * arguments, run the pipelined method, reply with a cached-prefix encoding.
 */
function azleEntryPoint(
  method: (...args: unknown[]) => unknown,
  paramIdlTypes: IDL.Type[],
  returnIdlType: IDL.Type | undefined,
): Method {
  return function (this: unknown): unknown {
    const args = decodeArgs(paramIdlTypes, msgArgData());
    const result = method.apply(this, args);
    if (isPromise(result)) {
      return result.then((value) => msgReply(encodeReply(returnIdlType, value)));
    }
    msgReply(encodeReply(returnIdlType, result));
    return undefined;
  };
}

function canisterMethod(
  mode: 'query' | 'update',
  paramIdlTypes: IDL.Type[],
  returnIdlType: IDL.Type | undefined,
  register: Registrar,
) {
  return <M extends Method>(method: M, context: ClassMethodDecoratorContext): M => {
    const name = String(context.name);
    declareMethod(context.metadata, name, { mode });
    const metadata = context.metadata ?? {};
    const wrapped = pipelined(method, name, mode, metadata, isResultType(returnIdlType));
    prepareReply(returnIdlType);
    prepareArgs(paramIdlTypes);
    register(azleEntryPoint(wrapped, paramIdlTypes, returnIdlType), context);
    return wrapped as unknown as M;
  };
}

/** Azle's `@query`, with the plugin pipeline around the method. */
export function query(paramIdlTypes: IDL.Type[], returnIdlType?: IDL.Type, options?: QueryOptions) {
  return canisterMethod('query', paramIdlTypes, returnIdlType, (method, context) =>
    azleQuery(paramIdlTypes, returnIdlType, { ...options, manual: true })(
      method as never,
      context as never,
    ),
  );
}

/** Azle's `@update`, with the plugin pipeline around the method. */
export function update(
  paramIdlTypes: IDL.Type[],
  returnIdlType?: IDL.Type,
  options?: UpdateOptions,
) {
  return canisterMethod('update', paramIdlTypes, returnIdlType, (method, context) =>
    azleUpdate(paramIdlTypes, returnIdlType, { ...options, manual: true })(
      method as never,
      context as never,
    ),
  );
}
