import { Actor, HttpAgent, type ActorSubclass, type Identity } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';
import { createHttpServer, type HttpServerOptions, type LocalnetHttpServer } from '../server.ts';
import { FakeBackend } from './fake-backend.ts';
import { addGreeter, greeterIdl, type GreeterService } from './fake-greeter.ts';

/** TEST HELPER. A server on a free port over a fake backend holding one greeter canister. */
export interface TestNetwork {
  readonly server: LocalnetHttpServer;
  readonly backend: FakeBackend;
  readonly greeter: ReturnType<typeof addGreeter>;
  /** URLs the agents of this network fetched, in order. */
  readonly fetched: string[];
  agent(identity?: Identity, options?: { retryTimes?: number }): Promise<HttpAgent>;
  greeterActor(
    identity?: Identity,
    options?: { retryTimes?: number },
  ): Promise<ActorSubclass<GreeterService>>;
  close(): Promise<void>;
}

export async function startTestNetwork(
  options: Omit<HttpServerOptions, 'backend' | 'port'> & { controllers?: Principal[] } = {},
): Promise<TestNetwork> {
  const backend = new FakeBackend();
  const greeter = addGreeter(backend, options.controllers);
  const server = await createHttpServer({ ...options, backend, port: 0 });
  const fetched: string[] = [];
  const recordingFetch: typeof fetch = (input, init) => {
    fetched.push(`${init?.method ?? 'GET'} ${String(input)}`);
    return fetch(input, init);
  };
  const agent = (identity?: Identity, agentOptions: { retryTimes?: number } = {}) =>
    HttpAgent.create({
      host: server.url,
      shouldFetchRootKey: true,
      identity,
      fetch: recordingFetch,
      retryTimes: agentOptions.retryTimes,
    });
  return {
    server,
    backend,
    greeter,
    fetched,
    agent,
    greeterActor: async (identity, agentOptions) =>
      Actor.createActor<GreeterService>(greeterIdl, {
        agent: await agent(identity, agentOptions),
        canisterId: greeter.id,
      }),
    close: () => server.close(),
  };
}
