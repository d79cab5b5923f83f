import {
  ADMIN_CHECK,
  AUDIT_TRAIL,
  definePlugin,
  GROUP_CHECK,
  METHOD_TABLE,
  type MethodMetadata,
  type PluginContext,
} from '../../core/index.ts';
import { AdminRegistry, type GrantedAdmin } from './admin-registry.ts';
import { type AuditEntry, AuditLog } from './audit-log.ts';
import { AuthEndpoints } from './auth-endpoints.ts';
import { GroupMembership } from './group-membership.ts';
import { INGRESS_FILTERS, IngressFilters } from './ingress-filters.ts';
import { AuthIngressFilter } from './inspect-endpoint.ts';
import { RegistrySetting } from './registry-setting.ts';
import { AUTH, type AuthServices } from './tokens.ts';

export interface AuthOptions {
  admins?: string[];
  registry?: string;
  groups?: string[];
  membershipTtlSeconds?: number;
  auditPageLimit?: number;
}

const DEFAULT_TTL_SECONDS = 60;
const DEFAULT_AUDIT_PAGE_LIMIT = 100;

/** Groups named by `@allow('group:<name>')` anywhere on this canister, plus configured ones. */
function wantedGroups(
  methods: Readonly<Record<string, MethodMetadata>>,
  configured: readonly string[],
): string[] {
  const groups = new Set(configured);
  for (const metadata of Object.values(methods)) {
    for (const level of metadata.access ?? []) {
      if (level.startsWith('group:')) groups.add(level.slice('group:'.length));
    }
  }
  return [...groups].sort();
}

function services(ctx: PluginContext<AuthOptions>): AuthServices {
  const { options, platform } = ctx;
  const audit = new AuditLog(ctx.store<AuditEntry>({ name: 'audit' }), platform);
  const admins = new AdminRegistry(
    options.admins ?? [],
    ctx.store<GrantedAdmin>({ name: 'admins' }),
    audit,
    () => platform.time(),
  );
  const registry = new RegistrySetting(
    ctx.store<string>({ name: 'settings' }),
    options.registry,
    audit,
  );
  const ttlSeconds = options.membershipTtlSeconds ?? DEFAULT_TTL_SECONDS;
  const membership = new GroupMembership(platform, {
    ttlSeconds,
    registry: () => registry.current(),
    groups: () => wantedGroups(ctx.resolve(METHOD_TABLE), options.groups ?? []),
  });
  return {
    admins,
    audit,
    membership,
    registry,
    auditPageLimit: options.auditPageLimit ?? DEFAULT_AUDIT_PAGE_LIMIT,
  };
}

export const auth = definePlugin<AuthOptions>({
  name: 'auth',
  endpoints: [AuthEndpoints, AuthIngressFilter],
  setup(ctx) {
    const auth = services(ctx);
    ctx.provide(AUTH, auth);
    ctx.provide(ADMIN_CHECK, auth.admins);
    ctx.provide(GROUP_CHECK, auth.membership);
    ctx.provide(AUDIT_TRAIL, auth.audit);
    ctx.provide(INGRESS_FILTERS, new IngressFilters());
    const ttlSeconds = ctx.options.membershipTtlSeconds ?? DEFAULT_TTL_SECONDS;
    const refresh = async (): Promise<void> => {
      if (auth.registry.current() !== undefined) await auth.membership.refresh();
    };
    // Warm the cache right after install/upgrade, then keep it within the TTL.
    ctx.timer({ name: 'membership-warm-up', afterSeconds: 0, run: refresh });
    ctx.timer({
      name: 'membership-refresh',
      everySeconds: Math.max(1, Math.floor(ttlSeconds / 2)),
      run: refresh,
    });
    ctx.healthCheck('membership', () => {
      const failing = auth.membership.view().filter((g) => g.lastError !== undefined);
      return {
        healthy: failing.length === 0,
        detail: failing.map((g) => `${g.group}: ${g.lastError}`).join('; ') || undefined,
      };
    });
  },
});
