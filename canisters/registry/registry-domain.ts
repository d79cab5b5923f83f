import { definePlugin } from '../../core/index.ts';
import { GroupRegistry } from './group-registry.ts';
import type { GroupRecord, MemberRecord } from './registry-model.ts';
import { RegistryEndpoints } from './registry-endpoints.ts';
import { GROUP_REGISTRY } from './registry-token.ts';

/** The registry's state and endpoints, composed by service.ts after the auth plugin. */
export const registryDomain = definePlugin({
  name: 'registry',
  dependsOn: ['auth'],
  endpoints: [RegistryEndpoints],
  setup(ctx) {
    const groups = ctx.store<GroupRecord>({ name: 'groups' });
    const members = ctx.store<MemberRecord>({
      name: 'members',
      indexes: {
        group: (m) => m.group,
        canister: (m) => m.canister,
        kind: (m) => m.kind,
      },
    });
    ctx.provide(GROUP_REGISTRY, new GroupRegistry(groups, members, () => ctx.platform.time()));
  },
});
