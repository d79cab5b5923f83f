import type { IdentityProvider } from '../auth/identity-provider.ts';
import type { CalendarSource } from '../client/calendar-source.ts';
import type { CanisterConnectionOptions } from '../client/canister-connection.ts';

export interface CanisterLinkRequest {
  canisterId: string;
  /** Empty means the IC. */
  host: string;
  /** The calendars the page named (`calendar-id`); anonymous visitors read the public ones. */
  calendarIds: string[];
  /** Whose identity to restore; none reads anonymously. */
  provider: Promise<IdentityProvider | undefined>;
}

export type CanisterLinkOutcome = { source: CalendarSource } | { error: unknown };

/** Opens a connection; by default with the shipped canister client. */
export type Connect = (options: CanisterConnectionOptions) => Promise<CalendarSource>;

// Imported on first use, so pages that bring their own source never evaluate the agent.
// `canister-id` may name the load balancer: the calendar's (or the user's) shard is resolved first,
// and found again when a migration moved the user (CALENDAR_MOVED).
const connectShippedClient: Connect = async (options) => {
  const { connectCalendarFollowingMoves } = await import('../client/shard-route.ts');
  return connectCalendarFollowingMoves(options);
};

/**
 * The source `<icp-calendar canister-id>` builds for itself when the page sets no `source`. Only the latest
 * request counts: a connection that finishes after a newer request (attribute change, sign-in) is dropped.
 */
export class CanisterLink {
  private latest = 0;

  constructor(private readonly open: Connect = connectShippedClient) {}

  /** The connected source or the failure; undefined when a newer request superseded this one. */
  async connect(request: CanisterLinkRequest): Promise<CanisterLinkOutcome | undefined> {
    const ticket = ++this.latest;
    let outcome: CanisterLinkOutcome;
    try {
      const provider = await request.provider;
      const identity = provider ? await provider.restore() : null;
      const source = await this.open({
        canisterId: request.canisterId,
        host: request.host || undefined,
        identity,
        calendarIds: request.calendarIds,
      });
      outcome = { source };
    } catch (error) {
      outcome = { error };
    }
    return ticket === this.latest ? outcome : undefined;
  }

  /** Makes any connection under way count as superseded. */
  cancel(): void {
    this.latest += 1;
  }
}
