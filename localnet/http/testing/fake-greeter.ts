import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { FakeBackend, FakeCanister } from './fake-backend.ts';
import { HttpRequest, HttpResponse } from '../gateway/http-candid.ts';

/** TEST DOUBLE. The Candid interface of the fake greeter canister, for `Actor.createActor`. */
export const greeterIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
  I.Service({
    greet: I.Func([I.Text], [I.Text], ['query']),
    whoami: I.Func([], [I.Principal], []),
    whoami_query: I.Func([], [I.Principal], ['query']),
    increment: I.Func([], [I.Nat], []),
    fail: I.Func([], [], []),
    slow: I.Func([I.Nat], [I.Text], []),
  });

export const GREETER_CANDID = `service : {
  greet : (text) -> (text) query;
  whoami : () -> (principal);
  increment : () -> (nat);
}`;

export interface GreeterService {
  greet(name: string): Promise<string>;
  whoami(): Promise<Principal>;
  whoami_query(): Promise<Principal>;
  increment(): Promise<bigint>;
  fail(): Promise<void>;
  slow(ms: bigint): Promise<string>;
}

/** A canister with a counter, a caller echo, a failing method and an HTTP interface. */
export function addGreeter(
  backend: FakeBackend,
  controllers: Principal[] = [],
): FakeCanister & { count(): bigint } {
  let counter = 0n;
  const reply = (types: IDL.Type[], values: unknown[]) => IDL.encode(types, values);
  const canister = backend.addCanister({
    controllers,
    metadata: new Map([
      ['candid:service', { visibility: 'public' as const, content: utf8ToBytes(GREETER_CANDID) }],
      ['secret', { visibility: 'private' as const, content: utf8ToBytes('only for controllers') }],
    ]),
  });
  const methods: Array<[string, FakeCanister['methods'] extends Map<string, infer M> ? M : never]> =
    [
      [
        'greet',
        {
          kind: 'query',
          run: (arg) => reply([IDL.Text], [`Hello, ${IDL.decode([IDL.Text], arg)[0] as string}!`]),
        },
      ],
      ['whoami', { kind: 'update', run: (_arg, sender) => reply([IDL.Principal], [sender]) }],
      ['whoami_query', { kind: 'query', run: (_arg, sender) => reply([IDL.Principal], [sender]) }],
      ['increment', { kind: 'update', run: () => reply([IDL.Nat], [++counter]) }],
      [
        'fail',
        {
          kind: 'update',
          run: () => ({
            status: 'rejected',
            rejectCode: 5,
            rejectMessage: 'Canister called `ic0.trap` with message: boom',
            errorCode: 'IC0503',
          }),
        },
      ],
      [
        'slow',
        {
          kind: 'update',
          run: async (arg) => {
            const ms = IDL.decode([IDL.Nat], arg)[0] as bigint;
            await new Promise((resolve) => setTimeout(resolve, Number(ms)));
            return reply([IDL.Text], [`slept ${ms} ms`]);
          },
        },
      ],
      ['http_request', { kind: 'query', run: (arg) => httpAnswer(arg, false) }],
      ['http_request_update', { kind: 'update', run: (arg) => httpAnswer(arg, true) }],
    ];
  for (const [name, method] of methods) canister.methods.set(name, method);
  return Object.assign(canister, { count: () => counter });
}

function httpAnswer(arg: Uint8Array, isUpdate: boolean): Uint8Array {
  const type = isUpdate
    ? IDL.Record({
        method: IDL.Text,
        url: IDL.Text,
        headers: IDL.Vec(IDL.Tuple(IDL.Text, IDL.Text)),
        body: IDL.Vec(IDL.Nat8),
      })
    : HttpRequest;
  const [request] = IDL.decode([type], arg) as unknown as [
    { method: string; url: string; headers: [string, string][]; body: Uint8Array },
  ];
  const wantsUpdate = request.url.startsWith('/counter') && !isUpdate;
  const text = isUpdate
    ? `updated ${request.method} ${request.url}`
    : `${request.method} ${request.url} (${request.body.length} bytes)`;
  const status = request.url.startsWith('/missing') ? 404 : 200;
  return IDL.encode(
    [HttpResponse],
    [
      {
        status_code: status,
        headers: [
          ['content-type', 'text/plain'],
          ['x-greeter', request.headers.find(([k]) => k.toLowerCase() === 'x-test')?.[1] ?? 'none'],
        ],
        body: utf8ToBytes(text),
        upgrade: wantsUpdate ? [true] : [],
        streaming_strategy: [],
      },
    ],
  );
}
