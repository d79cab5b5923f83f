import {
  IDL,
  Principal,
  type PluginContext,
  type Platform,
  type StableStore,
} from '../../core/index.ts';
import { AUTH } from '../../plugins/auth/index.ts';
import { MemberView } from '../registry/registry-idl.ts';
import { AlertInput } from './notification-idl.ts';

export type AlertSeverity = 'info' | 'warning' | 'critical';
export interface Alert {
  kind: string;
  severity: AlertSeverity;
  message: string;
}
interface Raised {
  atMs: number;
  severity: AlertSeverity;
}

/** A condition raised again within this window is not sent again, unless it got worse. */
export const ALERT_QUIET_MS = 60 * 60 * 1000;
const RANK: Record<AlertSeverity, number> = { info: 0, warning: 1, critical: 2 };
const OUTBOX_LIMIT = 100;
const SEND_BATCH = 20;

const AlertReply = IDL.Variant({
  Ok: IDL.Nat64,
  Err: IDL.Record({ code: IDL.Text, message: IDL.Text }),
});

/**
 * Sends operators' alerts from a system canister (backup, load balancer) to the notification
 * canister's `send_alert`, which admits group `system` through the registry. Watchers raise a
 * condition every time they see it (level, not edge); a condition raised within ALERT_QUIET_MS
 * of its last alert is dropped unless its severity rose, and a `once` condition is sent once
 * ever, so a flapping shard or canister gives one alert. Alerts wait in a stable outbox until the
 * notification canister (found by the registry's `lookup("notification")`) accepts them.
 */
export class AlertSender {
  constructor(
    private readonly platform: Platform,
    private readonly registry: () => Principal | undefined,
    private readonly raised: StableStore<Raised>,
    private readonly outbox: StableStore<Alert>,
  ) {}

  /** Declares the sender's two stores in the calling plugin (`<plugin>/alerts-raised`, `…-outbox`). */
  static declare(ctx: PluginContext<unknown>): AlertSender {
    return new AlertSender(
      ctx.platform,
      () => ctx.resolve(AUTH).registry.current(),
      ctx.store<Raised>({ name: 'alerts-raised' }),
      ctx.store<Alert>({ name: 'alerts-outbox' }),
    );
  }

  /** Queues the alert unless the same condition (`key`) was alerted recently; true when queued. */
  raise(key: string, alert: Alert, options: { once?: boolean } = {}): boolean {
    const now = Number(this.platform.time() / 1_000_000n);
    const last = this.raised.get(key);
    const worse = last !== undefined && RANK[alert.severity] > RANK[last.severity];
    if (last !== undefined && !worse && (options.once || now - last.atMs < ALERT_QUIET_MS))
      return false;
    this.raised.set(key, { atMs: now, severity: alert.severity });
    const [oldest] = this.outbox.page(0, 1).entries;
    if (this.outbox.size() >= OUTBOX_LIMIT && oldest) this.outbox.delete(oldest[0]);
    this.outbox.set(`${String(now).padStart(15, '0')}|${key}`, alert);
    return true;
  }

  pending(): number {
    return this.outbox.size();
  }

  /** Sends what waits (a batch); what the notification canister did not take stays for later. */
  async flush(): Promise<number> {
    if (this.outbox.size() === 0) return 0;
    const target = await this.target();
    if (target === undefined) return 0;
    let sent = 0;
    for (const [key, alert] of this.outbox.page(0, SEND_BATCH).entries) {
      try {
        const reply = await this.platform.call<{ Ok: bigint } | { Err: { code: string } }>(
          target,
          'send_alert',
          { paramIdlTypes: [AlertInput], returnIdlType: AlertReply, args: [alert] },
        );
        // AUTH_FORBIDDEN: its group cache is cold or stale (kept for the next run).
        if ('Err' in reply && reply.Err.code === 'AUTH_FORBIDDEN') return sent;
      } catch {
        return sent;
      }
      this.outbox.delete(key);
      sent++;
    }
    return sent;
  }

  private async target(): Promise<Principal | undefined> {
    const registry = this.registry();
    if (registry === undefined) return undefined;
    try {
      const members = await this.platform.call<{ canister: Principal }[]>(registry, 'lookup', {
        paramIdlTypes: [IDL.Text],
        returnIdlType: IDL.Vec(MemberView),
        args: ['notification'],
      });
      return members[0] === undefined ? undefined : Principal.from(members[0].canister);
    } catch {
      return undefined;
    }
  }
}
