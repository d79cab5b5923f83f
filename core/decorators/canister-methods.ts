import { IDL } from '@dfinity/candid';
import { msgArgData, msgReject, msgReply, query as azleQuery, update as azleUpdate } from 'azle';

import { isCanisterError } from '../errors/canister-error.ts';
import { isResultType } from '../errors/result.ts';
import { pipelined, pipelinedMessage } from '../host/pipelined-method.ts';
import { decodeArgs, prepareArgs, registerMethodArgs } from '../host/arg-decoding.ts';
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
 * A refusal of a method that has no `Result` to carry it is rejected with its code
 * (`CODE: message`) rather than trapping: the message ends normally, so what the
 * interceptors recorded (metrics) is kept.
 */
function rejectRefusal(error: unknown): undefined {
  if (!isCanisterError(error)) throw error;
  msgReject(`${error.code}: ${error.message}`);
  return undefined;
}

/**
 * What Azle runs for a message (registered with `manual: true`): the pipeline
 * with the raw argument (decoded after the access and size checks), then a
 * reply with a cached-prefix encoding.
 */
function azleEntryPoint(
  run: ReturnType<typeof pipelinedMessage>,
  paramIdlTypes: IDL.Type[],
  returnIdlType: IDL.Type | undefined,
): Method {
  return function (this: unknown): unknown {
    const bytes = msgArgData();
    let result: unknown;
    try {
      result = run(this, bytes, () => decodeArgs(paramIdlTypes, bytes));
    } catch (error) {
      return rejectRefusal(error);
    }
    if (isPromise(result)) {
      return result.then((value) => msgReply(encodeReply(returnIdlType, value)), rejectRefusal);
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
    const returnsResult = isResultType(returnIdlType);
    const wrapped = pipelined(method, name, mode, metadata, returnsResult);
    const message = pipelinedMessage(method, name, mode, metadata, returnsResult);
    prepareReply(returnIdlType);
    prepareArgs(paramIdlTypes);
    registerMethodArgs(name, paramIdlTypes);
    register(azleEntryPoint(message, paramIdlTypes, returnIdlType), context);
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
