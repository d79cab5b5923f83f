import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';

import { LocalNetwork } from '../../localnet/index.ts';
import { buildSystemTypes } from './build-system.ts';

/** Test support: every canister type config/system.yaml deploys, installed on one LocalNetwork. */
export interface DeployedType {
  name: string;
  canisterId: Principal;
  service: IDL.ServiceClass;
}

export const controller = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(91));

export async function deploySystem(): Promise<{ network: LocalNetwork; types: DeployedType[] }> {
  const built = await buildSystemTypes();
  const network = await LocalNetwork.create();
  const types: DeployedType[] = [];
  for (const b of built) {
    const bindings = (await import(b.bindingsPath)) as { idlFactory: IDL.InterfaceFactory };
    const { canisterId } = await network.setupCanister({
      idlFactory: bindings.idlFactory,
      wasm: b.wasm,
      arg: new Uint8Array(IDL.encode([], [])),
      sender: controller.getPrincipal(),
    });
    types.push({ name: b.name, canisterId, service: bindings.idlFactory({ IDL }) });
  }
  return { network, types };
}

/** One raw message and what it cost: outcome, instructions and cycles. */
export interface Measured {
  replied: boolean;
  reply?: Uint8Array;
  rejectMessage?: string;
  instructions: bigint;
  cycles: bigint;
}

export async function measure(
  network: LocalNetwork,
  request: { sender: Principal; canisterId: Principal; method: string; arg: Uint8Array },
  mode: 'query' | 'update',
): Promise<Measured> {
  const canister = network.engine.getCanister(request.canisterId)!;
  const before = canister.cycles;
  const outcome =
    mode === 'query'
      ? await network.engine.query(request)
      : await network.engine.update(request, { skipIngressLimit: true });
  return {
    replied: outcome.kind === 'replied',
    ...(outcome.kind === 'replied'
      ? { reply: outcome.reply }
      : { rejectMessage: outcome.rejectMessage }),
    instructions: canister.lastInstructions,
    cycles: before - canister.cycles,
  };
}

export const hex = (h: string) => Uint8Array.from(h.match(/../g)!, (b) => parseInt(b, 16));
