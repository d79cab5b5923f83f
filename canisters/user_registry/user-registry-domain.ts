import { definePlugin } from '../../core/index.ts';
import { AccountErasure } from './account-erasure.ts';
import { ProfileBook } from './profile-book.ts';
import type { PendingErasure, ProfileRecord } from './profile-model.ts';
import { ACCOUNT_ERASURE, PROFILES, UserRegistryEndpoints } from './user-registry-endpoints.ts';

/** The user registry's stores, services and endpoints, composed after the YAML plugins. */
export const userRegistryDomain = definePlugin({
  name: 'user_registry',
  dependsOn: ['auth'],
  endpoints: [UserRegistryEndpoints],
  setup(ctx) {
    const now = () => ctx.platform.time();
    ctx.provide(PROFILES, new ProfileBook(ctx.store<ProfileRecord>({ name: 'profiles' }), now));
    const erasure = new AccountErasure(
      ctx.platform,
      ctx.store<PendingErasure>({ name: 'pending-erasures' }),
      ctx.store<string[]>({ name: 'settings' }),
    );
    ctx.provide(ACCOUNT_ERASURE, erasure);
    ctx.timer({ name: 'retry-erasures', everySeconds: 300, run: () => erasure.stepPending() });
  },
});
