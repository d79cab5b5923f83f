import type { ReactiveController, ReactiveControllerHost } from 'lit';

import { builtInProvider, isBuiltInSignIn } from '../auth/built-in-provider.ts';
import type { IdentityProvider } from '../auth/identity-provider.ts';
import { problemOf, type CalendarInfo, type CalendarSource } from '../client/calendar-source.ts';
import { CalendarStore, type StoreState } from '../client/calendar-store.ts';
import { CanisterLink } from './canister-link.ts';

type Problem = { code: string; message: string };

/** What `<icp-calendar>` exposes to the controller: the inputs it reads and the state it sets. */
export interface SourceHost extends ReactiveControllerHost {
  source: CalendarSource | undefined;
  canisterId: string;
  host: string;
  signIn: string;
  identityProvider: IdentityProvider | undefined;
  /** The calendars the page named with `calendar-id`. */
  readonly namedCalendarIds: string[];
  storeState: StoreState;
  calendars: CalendarInfo[];
  principal: string | null;
  problem: Problem | undefined;
  signInProvider: IdentityProvider | undefined;
  reportError(error: Problem): void;
}

/**
 * Which source the calendar shows and the store over it: the page's `source` when set, else one of its own
 * over `canister-id` (connected asynchronously; rebuilt on a sign-in or sign-out anywhere on the page).
 * Switching sources clears everything the previous one showed or allowed.
 */
export class SourceController implements ReactiveController {
  store: CalendarStore | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly link = new CanisterLink();
  private attempts = 0;
  private builtIn: { kind: string; provider: Promise<IdentityProvider> } | undefined;
  private readonly onSignInChange = (event: Event) => {
    // The element's own button also announces a restored sign-in that the connection already has.
    const principal = (event as CustomEvent<{ principal?: string | null }>).detail?.principal;
    if (this.ownsSource && (principal ?? null) !== this.host.principal) void this.connectCanister();
  };

  constructor(private readonly host: SourceHost) {
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('icp-sign-in-change', this.onSignInChange);
  }

  hostDisconnected(): void {
    window.removeEventListener('icp-sign-in-change', this.onSignInChange);
  }

  /** True when the element builds its own source over `canister-id`. */
  get ownsSource(): boolean {
    return !this.host.source && Boolean(this.host.canisterId);
  }

  /** Call when `source` or (without it) the canister inputs changed. */
  choose(): void {
    this.attach(this.host.source);
    if (!this.ownsSource) {
      this.link.cancel();
      return;
    }
    this.host.storeState = { status: 'loading', occurrences: [] };
    void this.connectCanister();
  }

  /** Re-reads the signed-in principal; the element's own source reconnects with the current identity. */
  async refreshPrincipal(): Promise<void> {
    if (this.ownsSource) await this.connectCanister();
    else this.host.principal = (await this.store?.source.principal()) ?? null;
  }

  private async connectCanister(): Promise<void> {
    const host = this.host;
    const provider = this.provider();
    const attempt = ++this.attempts;
    const connecting = this.link.connect({
      canisterId: host.canisterId,
      host: host.host,
      calendarIds: host.namedCalendarIds,
      provider,
    });
    // The sign-in button does not wait for the connection (which may first ask the load balancer
    // for a shard): it shows, and restores a saved sign-in, as soon as its provider is loaded.
    const signInProvider = host.signIn ? await provider : undefined;
    if (attempt === this.attempts) host.signInProvider = signInProvider;
    const outcome = await connecting;
    if (!outcome) return;
    host.signInProvider = signInProvider;
    if ('source' in outcome) this.attach(outcome.source);
    else {
      this.attach(undefined);
      this.fail(outcome.error);
    }
  }

  private provider(): Promise<IdentityProvider | undefined> {
    const { identityProvider, signIn } = this.host;
    if (identityProvider) return Promise.resolve(identityProvider);
    if (!isBuiltInSignIn(signIn)) return Promise.resolve(undefined);
    if (this.builtIn?.kind !== signIn) {
      this.builtIn = { kind: signIn, provider: builtInProvider(signIn) };
    }
    return this.builtIn.provider;
  }

  private attach(source: CalendarSource | undefined): void {
    const host = this.host;
    this.unsubscribe?.();
    this.store = undefined;
    // Nothing of the previous source may stay on screen or decide what the new one allows.
    host.storeState = { status: 'idle', occurrences: [] };
    host.calendars = [];
    host.principal = null;
    host.problem = undefined;
    if (!source) return;
    const store = new CalendarStore(source);
    this.store = store;
    this.unsubscribe = store.subscribe((state) => {
      host.storeState = state;
      if (state.error) host.reportError(state.error);
    });
    const stillShown = () => this.store === store;
    void source.getCalendars().then(
      (calendars) => {
        if (stillShown()) host.calendars = calendars;
      },
      (error: unknown) => {
        if (stillShown()) this.fail(error);
      },
    );
    void source.principal().then((principal) => {
      if (stillShown()) host.principal = principal;
    });
  }

  private fail(error: unknown): void {
    const problem = problemOf(error);
    this.host.problem = problem;
    this.host.reportError(problem);
  }
}
