import { HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';

import { configureSystem } from '../../cli/deploy/configure-system.ts';
import { wireLoadBalancer } from '../../cli/deploy/wire-load-balancer.ts';
import { engineBackend, provideDataCertificates } from '../../localnet/http/engine-backend.ts';
import { createHttpServer, type LocalnetHttpServer } from '../../localnet/http/server.ts';
import { LocalNetwork } from '../../localnet/index.ts';
import {
  buildSystemCanisters,
  type BuiltModule,
  type SystemType,
} from './build-system-canisters.ts';

/** Test support: a registry, a load balancer, a user registry and N calendar shards on localnet, wired as deploy does. */
export interface ShardedSystem {
  network: LocalNetwork;
  server: LocalnetHttpServer;
  deployer: Ed25519KeyIdentity;
  agent(identity?: Ed25519KeyIdentity): Promise<HttpAgent>;
  ids: {
    registry: Principal;
    loadBalancer: Principal;
    userRegistry: Principal;
    shards: Principal[];
  };
  modules: Record<SystemType, BuiltModule>;
  close(): Promise<void>;
}

export async function startShardedSystem(shardCount: number): Promise<ShardedSystem> {
  const modules = await buildSystemCanisters();
  const deployer = Ed25519KeyIdentity.generate(new Uint8Array(32).fill(71));
  const network = await LocalNetwork.create();
  const server = await createHttpServer({ backend: engineBackend(network.engine), port: 0 });
  provideDataCertificates(network.engine, server);
  const sender = deployer.getPrincipal();
  const install = async (type: SystemType) => {
    const canisterId = await network.createCanister({ sender });
    await network.installCode({
      canisterId,
      wasm: modules[type].wasm,
      arg: new Uint8Array(IDL.encode([], [])),
      sender,
    });
    return canisterId;
  };
  const ids = {
    registry: await install('registry'),
    loadBalancer: await install('load_balancer'),
    userRegistry: await install('user_registry'),
    shards: [] as Principal[],
  };
  for (let i = 0; i < shardCount; i++) ids.shards.push(await install('calendar'));
  const agent = (identity: Ed25519KeyIdentity = deployer) =>
    HttpAgent.create({ host: server.url, identity, shouldFetchRootKey: true });
  const canisters = [
    { id: ids.registry.toText(), type: 'registry', group: 'system', shard: undefined },
    { id: ids.loadBalancer.toText(), type: 'load_balancer', group: 'system', shard: undefined },
    { id: ids.userRegistry.toText(), type: 'user_registry', group: 'app', shard: undefined },
    ...ids.shards.map((id, i) => ({
      id: id.toText(),
      type: 'calendar',
      group: 'app',
      shard: String(i),
    })),
  ];
  const deployAgent = await agent();
  await configureSystem({
    agent: deployAgent,
    groups: [{ name: 'system' }, { name: 'app' }],
    canisters,
  });
  await wireLoadBalancer({ agent: deployAgent, canisters, calendarWasm: modules.calendar.wasm });
  return {
    network,
    server,
    deployer,
    agent,
    ids,
    modules,
    close: async () => {
      await server.close();
      await network.tearDown();
    },
  };
}
