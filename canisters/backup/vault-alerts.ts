import { IDL, Principal, type PluginContext } from '../../core/index.ts';
import { AlertSender, type AlertSeverity } from '../notification/alert-sender.ts';
import { RECOVERY, VAULT } from './vault-token.ts';

/** The part of `health_check` read here: the status and, for a controller, the failing checks. */
const HealthReply = IDL.Record({
  status: IDL.Variant({ healthy: IDL.Null, degraded: IDL.Null, unhealthy: IDL.Null }),
  checks: IDL.Opt(IDL.Vec(IDL.Record({ name: IDL.Text, healthy: IDL.Bool, detail: IDL.Text }))),
});
type Health = {
  status: Record<string, null>;
  checks: [] | [{ name: string; healthy: boolean; detail: string }[]];
};

const RECOVERY_SEVERITY: Record<string, AlertSeverity> = {
  running: 'warning',
  done: 'info',
  failed: 'critical',
};

/**
 * Operators' alerts of the backup canister (to the notification canister): a protected canister
 * whose health is degraded, unhealthy or unreachable, a backup whose last attempt failed, and each
 * recovery that runs, ends or fails. A timer of its own reads the vault, the recovery plans and each
 * protected canister's health (as their controller it sees the failing checks); the sender's
 * deduplication turns these level readings into one alert per condition.
 */
export function alertOnVaultTrouble(ctx: PluginContext<unknown>): void {
  const alerts = AlertSender.declare(ctx);
  const health = async (canister: string) => {
    try {
      const reply = await ctx.platform.call<Health>(Principal.fromText(canister), 'health_check', {
        paramIdlTypes: [],
        returnIdlType: HealthReply,
        args: [],
      });
      const failing = (reply.checks[0] ?? []).filter((c) => !c.healthy);
      return {
        status: Object.keys(reply.status)[0]!,
        detail: failing.map((c) => `${c.name} (${c.detail})`).join(', '),
      };
    } catch (error) {
      return { status: 'unreachable', detail: String(error).slice(0, 200) };
    }
  };
  ctx.timer({
    name: 'vault-alerts',
    everySeconds: 60,
    async run() {
      const vault = ctx.resolve(VAULT);
      for (const target of vault.list()) {
        const name = `${target.kind} ${target.canister}`;
        const now = await health(target.canister);
        if (now.status !== 'healthy')
          alerts.raise(`health:${target.canister}`, {
            kind: `canister_${now.status}`,
            severity: now.status === 'degraded' ? 'warning' : 'critical',
            message: `${name} is ${now.status}${now.detail ? `: ${now.detail}` : ''}`,
          });
        const stats = vault.versions.statsOf(target.canister);
        if (stats.lastFailureAt !== undefined && stats.lastFailureAt > (stats.lastSuccessAt ?? 0n))
          alerts.raise(`backup-failed:${target.canister}`, {
            kind: 'backup_failed',
            severity: 'critical',
            message: `the last backup of ${name} failed: ${stats.lastFailure ?? 'no reason recorded'}`,
          });
      }
      for (const plan of ctx.resolve(RECOVERY).plans()) {
        const severity = RECOVERY_SEVERITY[plan.status];
        if (severity === undefined) continue;
        alerts.raise(
          `recovery:${plan.id}:${plan.status}`,
          {
            kind: `recovery_${plan.status}`,
            severity,
            message: `recovery plan ${plan.id} of ${plan.kind} ${plan.canister} (${plan.mode}) is ${plan.status}${plan.error ? `: ${plan.error}` : ''}`,
          },
          { once: true },
        );
      }
      await alerts.flush();
    },
  });
}
