import type { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import { LocalNetwork } from './local-network.ts';

/**
 * The subset of the test API that both backends provide, so one integration test can run on
 * localnet or on a real PocketIC server.
 */
export interface TestNetwork {
  readonly backend: 'localnet' | 'pocket-ic';
  setupCanister<T>(options: {
    idlFactory: IDL.InterfaceFactory;
    wasm: Uint8Array | string;
    arg?: Uint8Array;
    sender?: Principal;
    controllers?: Principal[];
    cycles?: bigint;
  }): Promise<{
    canisterId: Principal;
    actor: T & { setPrincipal(p: Principal): void; setIdentity(i: unknown): void };
  }>;
  createActor<T>(
    idlFactory: IDL.InterfaceFactory,
    canisterId: Principal,
  ): T & { setPrincipal(p: Principal): void; setIdentity(i: unknown): void };
  upgradeCanister(options: {
    canisterId: Principal;
    wasm: Uint8Array | string;
    arg?: Uint8Array;
    sender?: Principal;
  }): Promise<void>;
  stopCanister(options: { canisterId: Principal; sender?: Principal }): Promise<void>;
  startCanister(options: { canisterId: Principal; sender?: Principal }): Promise<void>;
  advanceTime(ms: number): Promise<void>;
  setTime(time: Date | number): Promise<void>;
  getTime(): Promise<number>;
  tick(times?: number): Promise<void>;
  getCyclesBalance(canisterId: Principal): Promise<bigint>;
  tearDown(): Promise<void>;
}

/**
 * localnet by default; a PocketIC server when env POCKET_IC_BIN names its binary. The PocketIC
 * adapter is deliberately thin and is NOT exercised in this repository (no binary here).
 */
export async function createTestNetwork(): Promise<TestNetwork> {
  const bin = process.env.POCKET_IC_BIN;
  if (!bin)
    return Object.assign(await LocalNetwork.create(), {
      backend: 'localnet' as const,
    }) as unknown as TestNetwork;
  return createPocketIcNetwork(bin);
}

async function createPocketIcNetwork(binPath: string): Promise<TestNetwork> {
  const pic = await import('@dfinity/pic');
  const server = await pic.PocketIcServer.start({ binPath });
  const instance = await pic.PocketIc.create(server.getUrl());
  // pic-js speaks @icp-sdk/core types, structurally the same as @dfinity's; cast at this boundary only.
  const adapter = {
    backend: 'pocket-ic' as const,
    setupCanister: (options: object) => instance.setupCanister(options as never),
    createActor: (idlFactory: IDL.InterfaceFactory, canisterId: Principal) =>
      instance.createActor(idlFactory as never, canisterId as never),
    upgradeCanister: (options: object) => instance.upgradeCanister(options as never),
    stopCanister: (options: object) => instance.stopCanister(options as never),
    startCanister: (options: object) => instance.startCanister(options as never),
    advanceTime: (ms: number) => instance.advanceTime(ms),
    setTime: (time: Date | number) => instance.setTime(time),
    getTime: () => instance.getTime(),
    tick: (times?: number) => instance.tick(times),
    getCyclesBalance: (canisterId: Principal) => instance.getCyclesBalance(canisterId as never),
    tearDown: async () => {
      await instance.tearDown();
      await server.stop();
    },
  };
  return adapter as unknown as TestNetwork;
}
