import { LitElement, css, html, nothing, type PropertyValues } from 'lit';

import type { CalendarView } from '../a11y/grid-keyboard.ts';
import type { IdentityProvider } from '../auth/identity-provider.ts';
import {
  problemOf,
  type CalendarInfo,
  type CalendarSource,
  type EditScope,
  type EventInput,
  type Occurrence,
} from '../client/calendar-source.ts';
import { CalendarStore, isPendingOccurrence, type StoreState } from '../client/calendar-store.ts';
import { occurrencesFromPlain, type PlainEvent } from '../client/static-events.ts';
import { daySpan } from '../layout/day-span.ts';
import { layoutWeeks } from '../layout/month-layout.ts';
import { DAY_MS, isoDay, parseIsoDay, ymdOf } from '../model/days.ts';
import { periodHeading } from '../model/period-heading.ts';
import { localeWeekStart } from '../model/formatters.ts';
import { queryRange, shiftPeriod, visibleDays } from '../model/view-range.ts';
import { browserTimeZone, zoneClock } from '../model/zone-clock.ts';
import './icp-agenda-list.ts';
import './icp-calendar-legend.ts';
import './icp-calendar-toolbar.ts';
import type { IcpEventDialog } from './icp-event-dialog.ts';
import './icp-event-dialog.ts';
import type { IcpEventPopover } from './icp-event-popover.ts';
import './icp-event-popover.ts';
import type { IcpScopeDialog } from './icp-scope-dialog.ts';
import './icp-scope-dialog.ts';
import type { IcpMonthGrid } from './icp-month-grid.ts';
import './icp-month-grid.ts';
import type { IcpTimeGrid } from './icp-time-grid.ts';
import './icp-time-grid.ts';
import { draggedInput, dragQuestion } from './drag-change.ts';
import type { RenderContext } from './render-context.ts';
import './icp-sign-in.ts';
import './icp-notification-bell.ts';
import type { NotificationSource } from '../client/notification-source.ts';
import { baseStyles, themeTokens } from './shared-styles.ts';
import { SourceController } from './source-controller.ts';
import { NotificationLink } from './notification-link.ts';
import { visitorMessage, type Problem } from './visitor-message.ts';
import { widgetStrings, type WidgetStrings } from './widget-strings.ts';

const VIEWS: CalendarView[] = ['month', 'week', 'day', 'agenda'];

/**
 * `<icp-calendar>`: a calendar that shows and edits events from a CalendarSource (or a static `events` array).
 * Public events: icp-event-click, icp-date-select, icp-event-change, icp-error.
 */
export class IcpCalendar extends LitElement {
  static properties = {
    canisterId: { attribute: 'canister-id' },
    calendarId: { attribute: 'calendar-id' },
    host: {},
    view: { reflect: true },
    date: { reflect: true },
    locale: {},
    timeZone: { attribute: 'time-zone' },
    weekStart: { attribute: 'week-start' },
    readonly: { type: Boolean, reflect: true },
    theme: { reflect: true },
    maxEventsPerDay: { type: Number, attribute: 'max-events-per-day' },
    weekNumbers: { type: Boolean, attribute: 'week-numbers' },
    signIn: { attribute: 'sign-in' },
    identityProvider: { attribute: false },
    source: { attribute: false },
    notifications: { attribute: false },
    notificationCanister: { attribute: 'notification-canister' },
    events: { attribute: false },
    eventContent: { attribute: false },
    strings: { attribute: false },
    storeState: { state: true },
    calendars: { state: true },
    principal: { state: true },
    problem: { state: true },
    signInProvider: { state: true },
    savingWrites: { state: true },
    online: { state: true },
    hiddenCalendars: { state: true },
  };
  /** Calendar canister the element reads and edits when the page sets no `source`. */
  declare canisterId: string;
  /** One calendar id, or several separated by spaces or commas; empty shows every calendar of the source. */
  declare calendarId: string;
  /** IC API host for `canister-id`; empty means the IC (https://icp-api.io). */
  declare host: string;
  declare view: CalendarView;
  /** Focused day, `YYYY-MM-DD`; defaults to today. */
  declare date: string;
  declare locale: string | undefined;
  declare timeZone: string | undefined;
  /** 0 (Sunday) … 6, or "auto" for the locale's first day. */
  declare weekStart: string | number;
  declare readonly: boolean;
  declare theme: 'light' | 'dark' | 'auto';
  declare maxEventsPerDay: number;
  declare weekNumbers: boolean;
  /** `internet-identity` or `dev`: shows a sign-in button with that built-in provider. */
  declare signIn: string;
  /** Whose identity the element's own canister source signs in with (wins over `sign-in`'s built-in one). */
  declare identityProvider: IdentityProvider | undefined;
  declare source: CalendarSource | undefined;
  /** The signed-in user's inbox: shows the notification bell in the toolbar when set. */
  declare notifications: NotificationSource | undefined;
  /** Notification canister whose inbox the bell shows for the signed-in user (when `notifications` is unset). */
  declare notificationCanister: string;
  /** Static events (no source needed): shown read-only. */
  declare events: PlainEvent[] | undefined;
  declare eventContent: ((occurrence: Occurrence) => unknown) | undefined;
  /** Replacements for any built-in string (see widget-strings.ts for the keys). */
  declare strings: Partial<WidgetStrings> | undefined;
  declare storeState: StoreState;
  declare calendars: CalendarInfo[];
  declare principal: string | null;
  /** Writes sent to the source and not yet answered; the host says `aria-busy="true"` meanwhile. */
  declare savingWrites: number;
  /** A failure outside the store (connecting, listing calendars), shown in the error line. */
  declare problem: { code: string; message: string } | undefined;
  declare signInProvider: IdentityProvider | undefined;
  /** Calendars the user switched off in the legend (their events are not drawn). */
  declare hiddenCalendars: ReadonlySet<string>;
  /** The browser's `navigator.onLine`, kept current by the window's online/offline events. */
  declare online: boolean;

  private readonly sources = new SourceController(this);
  private readonly inbox = new NotificationLink(this);
  private staticOccurrences: Occurrence[] = [];
  private readonly onWindowFocus = () => void this.store?.refresh();
  private readonly onConnectivity = () => {
    const wasOffline = !this.online;
    this.online = navigator.onLine;
    if (wasOffline && this.online && this.failure) this.retry();
  };

  constructor() {
    super();
    this.canisterId = '';
    this.calendarId = '';
    this.host = '';
    this.view = 'month';
    this.date = '';
    this.locale = undefined;
    this.timeZone = undefined;
    this.weekStart = 'auto';
    this.readonly = false;
    this.theme = 'light';
    this.maxEventsPerDay = 3;
    this.weekNumbers = false;
    this.signIn = '';
    this.identityProvider = undefined;
    this.source = undefined;
    this.notificationCanister = '';
    this.events = undefined;
    this.eventContent = undefined;
    this.strings = undefined;
    this.hiddenCalendars = new Set();
    this.storeState = { status: 'idle', occurrences: [] };
    this.calendars = [];
    this.principal = null;
    this.problem = undefined;
    this.signInProvider = undefined;
    this.savingWrites = 0;
    this.online = typeof navigator === 'undefined' ? true : navigator.onLine;
  }

  static styles = [
    themeTokens,
    baseStyles,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: var(--icp-calendar-height, 100%);
        min-height: 24rem;
        padding: 0 8px 8px;
        background: var(--_bg);
      }
      .body {
        flex: 1;
        min-height: 0;
        position: relative;
      }
      .error,
      .notice {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 4px 8px;
        font-size: 0.85rem;
      }
      .error {
        color: var(--_danger);
      }
      .error button {
        padding: 2px 10px;
        border: 1px solid currentColor;
        border-radius: var(--_radius);
        background: none;
        cursor: pointer;
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('focus', this.onWindowFocus);
    window.addEventListener('online', this.onConnectivity);
    window.addEventListener('offline', this.onConnectivity);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('focus', this.onWindowFocus);
    window.removeEventListener('online', this.onConnectivity);
    window.removeEventListener('offline', this.onConnectivity);
  }

  /** The focused day as an epoch day. */
  get focusDay(): number {
    return parseIsoDay(this.date) ?? zoneClock(this.zone).dayOf(Date.now());
  }

  get zone(): string {
    return this.timeZone || browserTimeZone();
  }

  get firstWeekday(): number {
    const value = Number(this.weekStart);
    return this.weekStart === 'auto' || !Number.isInteger(value)
      ? localeWeekStart(this.locale)
      : ((value % 7) + 7) % 7;
  }

  /** The calendars shown: those named by `calendar-id`, else every calendar of the source. */
  get calendarIds(): string[] {
    const named = this.namedCalendarIds;
    return named.length > 0 ? named : this.calendars.map((calendar) => calendar.id);
  }

  get namedCalendarIds(): string[] {
    return this.calendarId.split(/[\s,]+/).filter(Boolean);
  }

  get editable(): boolean {
    return !this.readonly && !this.events && Boolean(this.store) && this.principal !== null;
  }

  /** The occurrences currently shown. */
  get occurrences(): Occurrence[] {
    const all = this.events ? this.staticOccurrences : this.storeState.occurrences;
    const hidden = this.hiddenCalendars;
    return hidden.size === 0 ? all : all.filter((occurrence) => !hidden.has(occurrence.calendarId));
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (!VIEWS.includes(this.view)) this.view = 'month';
    if (changed.has('events') || changed.has('timeZone')) {
      this.staticOccurrences = this.events ? occurrencesFromPlain(this.events, this.zone) : [];
    }
    const canisterKeys = ['canisterId', 'host', 'calendarId', 'identityProvider', 'signIn'];
    if (changed.has('source') || (!this.source && canisterKeys.some((key) => changed.has(key)))) {
      this.sources.choose();
    }
    if (
      this.store &&
      ['source', 'calendarId', 'calendars', 'view', 'date', 'timeZone', 'weekStart'].some((key) =>
        changed.has(key),
      )
    ) {
      this.loadVisible();
    }
  }

  /** Re-reads the signed-in principal (call after signing in or out). */
  refreshPrincipal(): Promise<void> {
    return this.sources.refreshPrincipal();
  }

  private loadVisible(): void {
    if (!this.store || this.calendarIds.length === 0) return;
    const clock = zoneClock(this.zone);
    const days = visibleDays(this.view, this.focusDay, this.firstWeekday);
    const neighbours = [-1, 1].map((direction) =>
      queryRange(
        visibleDays(this.view, shiftPeriod(this.view, this.focusDay, direction), this.firstWeekday),
        clock,
      ),
    );
    void this.store.show(this.calendarIds, queryRange(days, clock), neighbours);
  }

  private get store(): CalendarStore | undefined {
    return this.sources.store;
  }

  /** Emits `icp-error` (the controller reports through it too). */
  reportError(error: { code: string; message: string }): void {
    this.dispatchEvent(
      new CustomEvent('icp-error', { detail: error, bubbles: true, composed: true }),
    );
  }

  private context(): RenderContext {
    const colours = new Map(this.calendars.map((calendar) => [calendar.id, calendar.color]));
    return {
      locale: this.locale,
      timeZone: this.zone,
      weekStart: this.firstWeekday,
      today: zoneClock(this.zone).dayOf(Date.now()),
      editable: this.editable && this.writableCalendarId() !== undefined,
      colourOf: (occurrence) => occurrence.color ?? colours.get(occurrence.calendarId),
      eventContent: this.eventContent,
    };
  }

  private heading(): string {
    return periodHeading(this.view, this.focusDay, this.firstWeekday, this.locale);
  }

  /** The built-in strings with the page's replacements. */
  get text(): WidgetStrings {
    return widgetStrings(this.strings);
  }

  /** What failed last (a load or write through the store, or connecting); undefined while all is well. */
  private get failure(): Problem | undefined {
    return this.storeState.error ?? this.problem;
  }

  /** Connects and loads again (the error line's Retry, and coming back online). */
  retry(): void {
    this.sources.choose();
    this.loadVisible();
  }

  /** With more than one calendar shown, a legend that shows or hides each. */
  private renderLegend() {
    const shown = this.calendars.filter((calendar) => this.calendarIds.includes(calendar.id));
    if (shown.length < 2) return nothing;
    return html`<icp-calendar-legend
      exportparts="legend-item"
      part="legend"
      .calendars=${shown}
      .hiddenIds=${this.hiddenCalendars}
      .label=${this.text.calendars}
      @icp-legend-toggle=${(e: CustomEvent<{ calendarId: string }>) => {
        const hidden = new Set(this.hiddenCalendars);
        if (!hidden.delete(e.detail.calendarId)) hidden.add(e.detail.calendarId);
        this.hiddenCalendars = hidden;
      }}
    ></icp-calendar-legend>`;
  }

  private renderNotice() {
    const failure = this.failure;
    if (failure) {
      const message = visitorMessage(failure, this.online, this.text);
      return html`<div class="error" role="alert" part="error">
        <span>${message.text}</span>
        ${message.retry ? html`<button part="button" @click=${() => this.retry()}>${this.text.retry}</button>` : nothing}
      </div>`;
    }
    const waiting = this.storeState.status === 'loading';
    if (this.store && !waiting && this.principal === null && this.calendarIds.length === 0)
      return html`<p class="notice" role="status" part="notice">${this.text.noCalendar}</p>`;
    return nothing;
  }

  protected override render() {
    const state = this.storeState;
    const status = this.events
      ? ''
      : this.savingWrites > 0
        ? 'Saving…'
        : state.status === 'loading'
          ? 'Loading…'
          : '';
    const inbox = this.notifications ?? this.inbox.source;
    return html`
      <icp-calendar-toolbar
        part="toolbar"
        exportparts="button, title, menu-button"
        .heading=${this.heading()}
        .view=${this.view}
        .status=${status}
        @icp-navigate=${(e: CustomEvent<{ direction: number }>) => this.navigate(e.detail.direction)}
        @icp-view-change=${(e: CustomEvent<{ view: CalendarView }>) => (this.view = e.detail.view)}
      >
        ${inbox ? html`<icp-notification-bell slot="end" exportparts="button, notification-bell, notification-list" .source=${inbox}></icp-notification-bell>` : nothing}
        ${this.signInProvider ? html`<icp-sign-in slot="end" exportparts="button, principal" .provider=${this.signInProvider}></icp-sign-in>` : nothing}
      </icp-calendar-toolbar>
      ${this.renderLegend()} ${this.renderNotice()}
      <div
        class="body"
        @icp-focus-day=${(e: CustomEvent<{ day: number }>) => (this.date = isoDay(e.detail.day))}
        @icp-day-activate=${(e: CustomEvent<{ day: number }>) => this.onDayActivate(e.detail.day)}
        @icp-slot-select=${(e: CustomEvent<{ start: number; end: number; allDay: boolean }>) => this.onSlotSelect(e.detail)}
        @icp-occurrence-activate=${(e: CustomEvent<{ occurrence: Occurrence }>) => this.onOccurrenceActivate(e.detail.occurrence)}
        @icp-occurrence-drag=${(e: CustomEvent<{ occurrence: Occurrence; start: number; end: number }>) => void this.onDrag(e.detail)}
      >
        ${this.renderView()}
      </div>
      <icp-event-dialog
        exportparts="dialog"
        .calendars=${this.calendars}
        @icp-dialog-save=${(e: CustomEvent) => this.onSave(e.detail)}
        @icp-dialog-delete=${(e: CustomEvent) => this.onDelete(e.detail)}
      ></icp-event-dialog>
      <icp-scope-dialog exportparts="dialog"></icp-scope-dialog>
      <icp-event-popover
        exportparts="popover"
        .strings=${this.text}
        @icp-popover-edit=${(e: CustomEvent<{ occurrence: Occurrence; anchor?: HTMLElement }>) =>
          this.onEdit(e.detail.occurrence, e.detail.anchor)}
      ></icp-event-popover>
    `;
  }

  private renderView() {
    const context = this.context();
    const days = visibleDays(this.view, this.focusDay, this.firstWeekday);
    const clock = zoneClock(this.zone);
    if (this.view === 'month') {
      const weeks = layoutWeeks(
        this.occurrences,
        clock,
        days.firstDay,
        days.dayCount / 7,
        Math.max(1, this.maxEventsPerDay),
      );
      return html`<icp-month-grid
        exportparts="month-grid, day, today, outside, event, more, more-panel, weekday, week-number"
        .weeks=${weeks}
        .focusDay=${this.focusDay}
        .month=${ymdOf(this.focusDay).month}
        .context=${context}
        .maxRows=${Math.max(1, this.maxEventsPerDay)}
        .dayEvents=${(day: number) => this.eventsOn(day)}
        ?week-numbers=${this.weekNumbers}
      ></icp-month-grid>`;
    }
    if (this.view === 'agenda') {
      return html`<icp-agenda-list
        exportparts="event, agenda-day, agenda-empty"
        .occurrences=${this.occurrences}
        .firstDay=${days.firstDay}
        .dayCount=${days.dayCount}
        .context=${context}
      ></icp-agenda-list>`;
    }
    return html`<icp-time-grid
      exportparts="time-grid, day, today, event, all-day, now-line, weekday"
      .occurrences=${this.occurrences}
      .firstDay=${days.firstDay}
      .dayCount=${days.dayCount}
      .focusDay=${this.focusDay}
      .view=${this.view}
      .context=${context}
    ></icp-time-grid>`;
  }

  private eventsOn(day: number): Occurrence[] {
    const clock = zoneClock(this.zone);
    return this.occurrences.filter((occurrence) => {
      const span = daySpan(occurrence, clock);
      return span.first <= day && span.last >= day;
    });
  }

  /** Moves one period back (-1), forward (+1), or to today (0). */
  navigate(direction: number): void {
    const day =
      direction === 0
        ? zoneClock(this.zone).dayOf(Date.now())
        : shiftPeriod(this.view, this.focusDay, direction);
    this.date = isoDay(day);
  }

  private get dialog(): IcpEventDialog {
    return this.renderRoot.querySelector('icp-event-dialog') as IcpEventDialog;
  }

  /** Occurrence lists may leave out location, description, colour and reminders: the dialog loads them. */
  private onEdit(occurrence: Occurrence, anchor?: HTMLElement): void {
    const details = this.store?.source.getEventDetails(occurrence);
    this.dialog.open({ mode: 'edit', occurrence, details }, anchor);
  }

  private onDayActivate(day: number): void {
    const start = day * DAY_MS;
    this.onSlotSelect({ start, end: start + DAY_MS, allDay: true });
  }

  private onSlotSelect(slot: { start: number; end: number; allDay: boolean }): void {
    this.dispatchEvent(
      new CustomEvent('icp-date-select', { detail: slot, bubbles: true, composed: true }),
    );
    if (!this.editable) return;
    const calendarId = this.writableCalendarId();
    if (!calendarId) return;
    this.dialog.open({
      mode: 'create',
      draft: { ...slot, calendarId, title: '', timeZone: this.zone, reminders: [] },
    });
  }

  /** The first shown calendar the user may write to: where a new event goes. */
  private writableCalendarId(): string | undefined {
    return this.calendars.find(
      (calendar) => calendar.writable && this.calendarIds.includes(calendar.id),
    )?.id;
  }

  private onOccurrenceActivate(occurrence: Occurrence): void {
    const click = new CustomEvent('icp-event-click', {
      detail: { occurrence },
      bubbles: true,
      composed: true,
      cancelable: true,
    });
    if (!this.dispatchEvent(click)) return;
    const calendar = this.calendars.find((candidate) => candidate.id === occurrence.calendarId);
    // Until the source confirms a new event it has no id the canister knows, so it cannot be edited yet.
    const canEdit =
      this.editable && Boolean(calendar?.writable) && !isPendingOccurrence(occurrence);
    // Static events carry their details; a new event's stand-in has no id the source knows yet.
    const details =
      this.events || isPendingOccurrence(occurrence)
        ? undefined
        : this.store?.source.getEventDetails(occurrence);
    details?.catch((error: unknown) => this.reportError(problemOf(error)));
    this.detailsPopover.open({
      occurrence,
      calendar,
      timeZone: this.zone,
      locale: this.locale,
      canEdit,
      details,
    });
  }

  private get detailsPopover(): IcpEventPopover {
    return this.renderRoot.querySelector('icp-event-popover') as IcpEventPopover;
  }

  /** A move or resize; one occurrence of a repeating event first asks which events change. */
  private async onDrag(detail: { occurrence: Occurrence; start: number; end: number }) {
    if (!this.editable) return;
    const { occurrence } = detail;
    const input = draggedInput(occurrence, detail.start, detail.end);
    const repeating = Boolean(occurrence.rrule || occurrence.recurring);
    const question = dragQuestion(input, this.locale, this.zone);
    const scope = repeating ? await this.scopeDialog.ask(question) : 'this';
    // Cancelled: nothing was written, so the chip is still drawn where it was.
    if (!scope || !this.store) return;
    void this.write(
      'update',
      () => this.store!.update(occurrence, input, scope),
      input,
      occurrence,
      scope,
    );
  }

  private get scopeDialog(): IcpScopeDialog {
    return this.renderRoot.querySelector('icp-scope-dialog') as IcpScopeDialog;
  }

  private onSave(detail: { input: EventInput; occurrence?: Occurrence; scope: EditScope }): void {
    const { input, occurrence, scope } = detail;
    if (!this.store) return;
    if (occurrence)
      void this.write(
        'update',
        () => this.store!.update(occurrence, input, scope),
        input,
        occurrence,
        scope,
      );
    else void this.write('create', () => this.store!.create(input), input);
  }

  private onDelete(detail: { occurrence: Occurrence; scope: EditScope }): void {
    if (!this.store) return;
    void this.write(
      'delete',
      () => this.store!.remove(detail.occurrence, detail.scope),
      undefined,
      detail.occurrence,
      detail.scope,
    );
  }

  private async write(
    kind: 'create' | 'update' | 'delete',
    run: () => Promise<boolean>,
    input?: EventInput,
    occurrence?: Occurrence,
    scope: EditScope = 'this',
  ): Promise<void> {
    this.savingWrites += 1;
    this.setAttribute('aria-busy', 'true');
    let accepted: boolean;
    try {
      accepted = await run();
    } finally {
      this.savingWrites -= 1;
      if (this.savingWrites === 0) this.removeAttribute('aria-busy');
    }
    if (accepted) {
      this.dispatchEvent(
        new CustomEvent('icp-event-change', {
          detail: { kind, input, occurrence, scope },
          bubbles: true,
          composed: true,
        }),
      );
    }
  }

  /** Focuses the grid's focused day (used by keyboard users and tests). */
  focusGrid(): void {
    const grid = this.renderRoot.querySelector('icp-month-grid, icp-time-grid') as
      IcpMonthGrid | IcpTimeGrid | null;
    grid?.focusActiveCell();
  }
}

if (!customElements.get('icp-calendar')) customElements.define('icp-calendar', IcpCalendar);
