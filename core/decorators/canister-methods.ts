import type { IDL } from '@dfinity/candid';
import { query as azleQuery, update as azleUpdate } from 'azle';

import { isResultType } from '../errors/result.ts';
import { pipelined } from '../host/pipelined-method.ts';
import { declare } from './metadata.ts';

export interface QueryOptions {
  composite?: boolean;
  hidden?: boolean;
}
export interface UpdateOptions {
  hidden?: boolean;
}

type Method = (this: unknown, ...args: never[]) => unknown;

function canisterMethod(
  mode: 'query' | 'update',
  register: (method: Method, context: ClassMethodDecoratorContext) => void,
  returnIdlType: IDL.Type | undefined,
) {
  return <M extends Method>(method: M, context: ClassMethodDecoratorContext): M => {
    const name = String(context.name);
    declare(context.metadata, name, { mode });
    const wrapped = pipelined(
      method,
      name,
      mode,
      context.metadata ?? {},
      isResultType(returnIdlType),
    );
    register(wrapped, context);
    return wrapped as unknown as M;
  };
}

/** Azle's `@query`, with the plugin pipeline around the method. */
export function query(paramIdlTypes: IDL.Type[], returnIdlType?: IDL.Type, options?: QueryOptions) {
  return canisterMethod(
    'query',
    (method, context) =>
      azleQuery(paramIdlTypes, returnIdlType, options)(method as never, context as never),
    returnIdlType,
  );
}

/** Azle's `@update`, with the plugin pipeline around the method. */
export function update(
  paramIdlTypes: IDL.Type[],
  returnIdlType?: IDL.Type,
  options?: UpdateOptions,
) {
  return canisterMethod(
    'update',
    (method, context) =>
      azleUpdate(paramIdlTypes, returnIdlType, options)(method as never, context as never),
    returnIdlType,
  );
}
