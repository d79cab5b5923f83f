import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import { repeat } from 'lit/directives/repeat.js';

import { handleGridKey } from '../a11y/grid-key-handler.ts';
import type { Occurrence } from '../client/calendar-source.ts';
import type { WeekLayout } from '../layout/month-layout.ts';
import { isoDay, isoWeekNumber, ymdOf } from '../model/days.ts';
import { formatDay } from '../model/formatters.ts';
import { chipColours } from './colour-contrast.ts';
import { eventWhen, shortTime } from './event-label.ts';
import { occurrenceKey, type RenderContext } from './render-context.ts';
import { baseStyles } from './shared-styles.ts';

/**
 * Month grid: rows of weeks laid out beforehand (see layoutWeeks). Only visible chips exist in the DOM;
 * crowded days get a "+N more" disclosure listing the day's events. Implements the ARIA grid pattern with
 * a roving tabindex; it reports moves with `icp-focus-day` and lets its owner decide the new date.
 */
export class IcpMonthGrid extends LitElement {
  static properties = {
    weeks: { attribute: false },
    focusDay: { attribute: false },
    month: { attribute: false },
    context: { attribute: false },
    maxRows: { attribute: false },
    weekNumbers: { type: Boolean, attribute: 'week-numbers' },
    dayEvents: { attribute: false },
    moreDay: { state: true },
  };
  declare weeks: WeekLayout[];
  declare focusDay: number;
  declare month: number;
  declare context: RenderContext;
  declare maxRows: number;
  declare weekNumbers: boolean;
  /** Lists a day's events for the "+N more" panel (computed on demand, never for every day). */
  declare dayEvents: (day: number) => Occurrence[];
  declare moreDay: number | undefined;
  private focusAfterRender = false;

  constructor() {
    super();
    this.weeks = [];
    this.focusDay = 0;
    this.month = 1;
    this.maxRows = 3;
    this.weekNumbers = false;
    this.dayEvents = () => [];
    this.moreDay = undefined;
  }

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        height: 100%;
        container-type: inline-size;
      }
      /* Phones: a chip keeps its title (the time is in its accessible name and in the details). */
      @container (max-width: 600px) {
        .event .time {
          display: none;
        }
        .event {
          padding: 0 2px;
        }
      }
      [role='grid'] {
        display: grid;
        grid-template-rows: auto;
        grid-auto-rows: minmax(calc(1.6rem + var(--rows) * (var(--_row) + 2px)), 1fr);
        height: 100%;
        border-top: 1px solid var(--_border);
        border-left: 1px solid var(--_border);
      }
      [role='row'] {
        display: grid;
        grid-template-columns: repeat(7, minmax(0, 1fr));
      }
      .numbered [role='row'] {
        grid-template-columns: 2.2rem repeat(7, minmax(0, 1fr));
      }
      [role='columnheader'] {
        font-size: 0.75rem;
        font-weight: 600;
        color: var(--_muted);
        text-align: center;
        padding: 4px 0;
        border-right: 1px solid var(--_border);
        border-bottom: 1px solid var(--_border);
      }
      .week-number {
        font-size: 0.7rem;
        color: var(--_muted);
        padding: 4px 2px;
        border-right: 1px solid var(--_border);
        border-bottom: 1px solid var(--_border);
      }
      [role='gridcell'] {
        position: relative;
        border-right: 1px solid var(--_border);
        border-bottom: 1px solid var(--_border);
        min-width: 0;
        cursor: default;
      }
      [role='gridcell'].outside .day-number {
        color: var(--_muted);
      }
      [role='gridcell'].today {
        background: var(--_today);
      }
      .day-number {
        display: block;
        font-size: 0.8rem;
        padding: 2px 6px;
        height: 1.6rem;
        line-height: 1.4rem;
      }
      .today .day-number {
        font-weight: 700;
        color: var(--_accent);
      }
      .event,
      .more {
        position: absolute;
        left: 2px;
        z-index: 1;
        height: var(--_row);
        top: calc(1.6rem + var(--lane) * (var(--_row) + 2px));
        width: calc(var(--span) * 100% + (var(--span) - 1) * 1px - 4px);
      }
      .event.continues-before {
        border-top-left-radius: 0;
        border-bottom-left-radius: 0;
      }
      .event.continues-after {
        border-top-right-radius: 0;
        border-bottom-right-radius: 0;
      }
      .more {
        background: none;
        border: 0;
        color: var(--_fg);
        font-size: 0.75rem;
        font-weight: 600;
        text-align: start;
        padding: 0 4px;
        cursor: pointer;
      }
      .time {
        font-weight: 600;
        margin-inline-end: 4px;
      }
      .more-panel {
        position: absolute;
        z-index: 3;
        inset: 20% 25% auto;
        background: var(--_surface);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        box-shadow: 0 8px 24px rgb(0 0 0 / 0.2);
        padding: 8px;
        max-height: 60%;
        overflow: auto;
      }
      .more-panel h3 {
        margin: 0 0 6px;
        font-size: 0.9rem;
      }
      .more-panel ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 2px;
      }
      .more-panel .event {
        position: static;
        width: 100%;
      }
    `,
  ];

  /** Moves DOM focus to the focused day's cell (after the next render). */
  focusActiveCell(): void {
    this.focusAfterRender = true;
    this.requestUpdate();
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>('[role="gridcell"][tabindex="0"]')?.focus();
    }
  }

  protected override render() {
    const { locale } = this.context;
    const firstDay = this.weeks[0]?.firstDay ?? 0;
    const headers = [0, 1, 2, 3, 4, 5, 6].map((i) => firstDay + i);
    const style = `--rows:${this.maxRows}`;
    return html`
      <div
        role="grid"
        part="month-grid"
        aria-readonly=${String(!this.context.editable)}
        class=${this.weekNumbers ? 'numbered' : ''}
        aria-label=${formatDay(this.focusDay, locale, { month: 'long', year: 'numeric' })}
        style=${style}
        @keydown=${this.onKeyDown}
      >
        <div role="row">
          ${
            this.weekNumbers
              ? html`<div role="columnheader" class="week-number">
                  <abbr title="Week">Wk</abbr>
                </div>`
              : nothing
          }
          ${headers.map(
            (day) =>
              html`<div role="columnheader" part="weekday">
                <abbr title=${formatDay(day, locale, { weekday: 'long' })}
                  >${formatDay(day, locale, { weekday: 'short' })}</abbr
                >
              </div>`,
          )}
        </div>
        ${this.weeks.map((week) => this.renderWeek(week))}
      </div>
      ${this.moreDay === undefined ? nothing : this.renderMorePanel(this.moreDay)}
    `;
  }

  private renderWeek(week: WeekLayout) {
    const byColumn: (typeof week.segments)[] = [[], [], [], [], [], [], []];
    for (const segment of week.segments) byColumn[segment.column]!.push(segment);
    return html`<div role="row">
      ${
        this.weekNumbers
          ? html`<div role="rowheader" class="week-number" part="week-number">
              ${isoWeekNumber(week.firstDay + 3)}
            </div>`
          : nothing
      }
      ${byColumn.map((segments, column) => this.renderCell(week, column, segments))}
    </div>`;
  }

  private renderCell(week: WeekLayout, column: number, segments: WeekLayout['segments']) {
    const day = week.firstDay + column;
    const { locale, timeZone, today } = this.context;
    const active = day === this.focusDay;
    const outside = ymdOf(day).month !== this.month;
    const total = week.total[column]!;
    const hidden = week.hidden[column]!;
    const label = `${formatDay(day, locale, { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' })}, ${
      total === 1 ? '1 event' : `${total} events`
    }`;
    const tabIndex = active ? 0 : -1;
    return html`<div
      role="gridcell"
      part=${`day${day === today ? ' today' : ''}${outside ? ' outside' : ''}`}
      class=${`${day === today ? 'today' : ''} ${outside ? 'outside' : ''}`}
      tabindex=${tabIndex}
      aria-selected=${active ? 'true' : 'false'}
      aria-current=${day === today ? 'date' : nothing}
      data-day=${isoDay(day)}
      @click=${(event: Event) => this.onCellClick(event, day)}
    >
      <span class="day-number"
        ><span aria-hidden="true">${ymdOf(day).day}</span
        ><span class="visually-hidden">${label}</span></span
      >
      ${repeat(
        segments,
        (segment) => occurrenceKey(segment.occurrence),
        (segment) =>
          html`<button
            class=${`event${segment.continuesBefore ? ' continues-before' : ''}${segment.continuesAfter ? ' continues-after' : ''}`}
            part="event"
            tabindex=${tabIndex}
            style=${`--lane:${segment.lane};--span:${segment.span};${chipColours(this.context.colourOf(segment.occurrence))}`}
            data-event-id=${segment.occurrence.eventId}
            @click=${(event: Event) => this.emitEventClick(event, segment.occurrence)}
          >
            ${
              this.context.eventContent
                ? this.context.eventContent(segment.occurrence)
                : html`<span class="time">${shortTime(segment.occurrence, locale, timeZone)}</span>
                    ${segment.occurrence.title}`
            }
            <span class="visually-hidden"
              >, ${eventWhen(segment.occurrence, locale, timeZone)}</span
            >
          </button>`,
      )}
      ${
        hidden > 0
          ? html`<button
              class="more"
              part="more"
              tabindex=${tabIndex}
              style=${`--lane:${Math.max(0, this.maxRows - 1)};--span:1`}
              aria-expanded=${this.moreDay === day ? 'true' : 'false'}
              @click=${(event: Event) => {
                event.stopPropagation();
                this.moreDay = this.moreDay === day ? undefined : day;
                void this.updateComplete.then(() =>
                  this.renderRoot.querySelector<HTMLElement>('.more-panel button')?.focus(),
                );
              }}
            >
              +${hidden} more<span class="visually-hidden">
                events on ${formatDay(day, locale, { month: 'long', day: 'numeric' })}</span
              >
            </button>`
          : nothing
      }
    </div>`;
  }

  private renderMorePanel(day: number) {
    const { locale, timeZone } = this.context;
    const heading = formatDay(day, locale, { weekday: 'long', month: 'long', day: 'numeric' });
    return html`<div
      class="more-panel"
      part="more-panel"
      role="region"
      aria-label=${heading}
      @keydown=${(event: KeyboardEvent) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          this.closeMore();
        }
      }}
    >
      <h3>${heading}</h3>
      <ul>
        ${this.dayEvents(day).map(
          (occurrence) =>
            html`<li>
              <button
                class="event"
                part="event"
                style=${chipColours(this.context.colourOf(occurrence))}
                data-event-id=${occurrence.eventId}
                @click=${(event: Event) => this.emitEventClick(event, occurrence)}
              >
                <span class="time">${shortTime(occurrence, locale, timeZone)}</span>
                ${occurrence.title}
                <span class="visually-hidden">, ${eventWhen(occurrence, locale, timeZone)}</span>
              </button>
            </li>`,
        )}
      </ul>
      <button @click=${() => this.closeMore()}>Close</button>
    </div>`;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('weeks') && this.moreDay !== undefined) {
      const first = this.weeks[0]?.firstDay ?? 0;
      if (this.moreDay < first || this.moreDay >= first + this.weeks.length * 7)
        this.moreDay = undefined;
    }
  }

  private closeMore(): void {
    this.moreDay = undefined;
    this.focusActiveCell();
  }

  private onCellClick(event: Event, day: number): void {
    if (
      event.target !== event.currentTarget &&
      !(event.target as HTMLElement).classList.contains('day-number')
    )
      return;
    this.dispatchEvent(new CustomEvent('icp-focus-day', { detail: { day }, bubbles: true }));
    this.dispatchEvent(new CustomEvent('icp-day-activate', { detail: { day }, bubbles: true }));
  }

  private emitEventClick(event: Event, occurrence: Occurrence): void {
    event.stopPropagation();
    this.dispatchEvent(
      new CustomEvent('icp-occurrence-activate', {
        detail: { occurrence },
        bubbles: true,
      }),
    );
  }

  private onKeyDown(event: KeyboardEvent): void {
    handleGridKey(this, event, 'month', this.context.weekStart);
  }
}

if (!customElements.get('icp-month-grid')) customElements.define('icp-month-grid', IcpMonthGrid);
