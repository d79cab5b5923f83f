import { Actor, HttpAgent, type ActorSubclass } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import { cachedBlsVerify } from '../cli/deploy/cached-bls-verify.ts';
import { nodeHttpFetch } from './node-http-fetch.ts';
import { NodeEd25519Identity } from './node-ed25519-identity.ts';

/**
 * `count` actors, each with its own agent and Ed25519 identity (signed through OpenSSL, no
 * shared state), sending through node:http (nodeHttpFetch) rather than Node's fetch. With
 * `cacheBls`, the actors share a verifier that checks each round's signature once (see
 * cached-bls-verify.ts); otherwise every reply's certificate costs a pairing in this process.
 */
export function createActors<T>(
  url: string,
  canisterId: Principal,
  idlFactory: IDL.InterfaceFactory,
  count: number,
  {
    cacheBls = false,
    verifyQuerySignatures = true,
  }: { cacheBls?: boolean; verifyQuerySignatures?: boolean } = {},
): Promise<ActorSubclass<T>[]> {
  const blsVerify = cacheBls ? cachedBlsVerify() : undefined;
  return Promise.all(
    Array.from({ length: count }, async () => {
      const agent = await HttpAgent.create({
        host: url,
        identity: NodeEd25519Identity.generate(),
        shouldFetchRootKey: true,
        verifyQuerySignatures,
        fetch: nodeHttpFetch(),
      });
      return Actor.createActor<T>(idlFactory, { agent, canisterId, blsVerify });
    }),
  );
}

/** Every actor calls in a loop for `seconds`; returns completed calls per second. */
export async function callsPerSecond<T>(
  all: ActorSubclass<T>[],
  seconds: number,
  call: (actor: ActorSubclass<T>) => Promise<unknown>,
): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  let completed = 0;
  await Promise.all(
    all.map(async (actor) => {
      while (performance.now() < deadline) {
        await call(actor);
        completed++;
      }
    }),
  );
  return completed / ((performance.now() - started) / 1000);
}
