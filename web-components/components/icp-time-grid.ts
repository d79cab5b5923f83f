import { LitElement, css, html, nothing, type PropertyValues } from 'lit';

import { handleGridKey } from '../a11y/grid-key-handler.ts';
import type { CalendarView } from '../a11y/grid-keyboard.ts';
import type { Occurrence } from '../client/calendar-source.ts';
import { layoutWeeks } from '../layout/month-layout.ts';
import { layoutDay } from '../layout/time-grid-layout.ts';
import { isoDay } from '../model/days.ts';
import { formatDay, formatter } from '../model/formatters.ts';
import { zoneClock } from '../model/zone-clock.ts';
import { chipColours } from './colour-contrast.ts';
import { eventWhen, shortTime } from './event-label.ts';
import type { RenderContext } from './render-context.ts';
import { baseStyles } from './shared-styles.ts';
import { TimeDrag } from './time-drag.ts';

const ALL_DAY_ROWS = 3;

/**
 * Week and day views: an all-day lane with multi-day bars, then one column per day where overlapping events
 * sit side by side, with the current-time line. Drag on empty time to create, drag an event to move it,
 * drag its bottom edge to resize; results are reported as `icp-slot-select` and `icp-occurrence-drag`.
 */
export class IcpTimeGrid extends LitElement {
  static properties = {
    occurrences: { attribute: false },
    firstDay: { attribute: false },
    dayCount: { attribute: false },
    focusDay: { attribute: false },
    view: { attribute: false },
    context: { attribute: false },
    preview: { state: true },
  };
  declare occurrences: Occurrence[];
  declare firstDay: number;
  declare dayCount: number;
  declare focusDay: number;
  declare view: CalendarView;
  declare context: RenderContext;
  /** The slot or event being dragged, drawn as a translucent box. */
  declare preview: { day: number; startMinute: number; endMinute: number } | undefined;
  private focusAfterRender = false;
  private readonly drag = new TimeDrag(this);

  constructor() {
    super();
    this.occurrences = [];
    this.firstDay = 0;
    this.dayCount = 7;
    this.focusDay = 0;
    this.view = 'week';
    this.preview = undefined;
  }

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        height: 100%;
        overflow: auto;
        container-type: inline-size;
      }
      @container (max-width: 600px) {
        [role='columnheader'] {
          font-size: 0.7rem;
          overflow-wrap: anywhere;
        }
      }
      [role='grid'] {
        display: grid;
        min-width: 100%;
      }
      [role='row'] {
        display: grid;
        grid-template-columns: 3.5rem repeat(var(--days), minmax(0, 1fr));
      }
      .head {
        position: sticky;
        top: 0;
        z-index: 2;
        background: var(--_bg);
      }
      [role='columnheader'] {
        text-align: center;
        font-size: 0.8rem;
        padding: 4px 0;
        border-bottom: 1px solid var(--_border);
      }
      [role='columnheader'].today {
        color: var(--_accent);
        font-weight: 700;
      }
      [role='rowheader'] {
        font-size: 0.7rem;
        color: var(--_muted);
        text-align: end;
        padding-inline-end: 4px;
        border-bottom: 1px solid var(--_border);
      }
      .all-day [role='gridcell'] {
        position: relative;
        min-height: calc(var(--lanes) * (var(--_row) + 2px) + 4px);
        border-left: 1px solid var(--_border);
        border-bottom: 1px solid var(--_border);
      }
      .all-day .event {
        position: absolute;
        z-index: 1;
        left: 2px;
        top: calc(2px + var(--lane) * (var(--_row) + 2px));
        width: calc(var(--span) * 100% + (var(--span) - 1) * 1px - 4px);
      }
      .hours {
        position: relative;
        height: calc(24 * var(--_hour));
        border-bottom: 0;
      }
      .hours span {
        position: absolute;
        right: 4px;
        transform: translateY(-50%);
      }
      .column {
        position: relative;
        height: calc(24 * var(--_hour));
        border-left: 1px solid var(--_border);
        background-image: repeating-linear-gradient(
          to bottom,
          var(--_border) 0 1px,
          transparent 1px var(--_hour)
        );
        touch-action: none;
      }
      .column.today {
        background-color: var(--_today);
      }
      .column .event {
        position: absolute;
        top: calc(var(--start) / 60 * var(--_hour));
        height: calc((var(--end) - var(--start)) / 60 * var(--_hour) - 1px);
        left: calc(var(--col) / var(--cols) * 100% + 1px);
        width: calc(100% / var(--cols) - 3px);
        white-space: normal;
        line-height: 1.2;
        padding: 2px 4px;
        border: 1px solid var(--_bg);
        touch-action: none;
      }
      .column .event.short {
        white-space: nowrap;
        padding-block: 0;
        line-height: 1.1;
      }
      .resize {
        position: absolute;
        left: 0;
        right: 0;
        bottom: 0;
        height: 6px;
        cursor: ns-resize;
      }
      .preview {
        position: absolute;
        left: 2px;
        right: 2px;
        top: calc(var(--start) / 60 * var(--_hour));
        height: calc((var(--end) - var(--start)) / 60 * var(--_hour));
        background: var(--_accent);
        opacity: 0.35;
        border-radius: var(--_radius);
        pointer-events: none;
      }
      .now {
        position: absolute;
        left: 0;
        right: 0;
        top: calc(var(--minute) / 60 * var(--_hour));
        border-top: 2px solid var(--_danger);
        z-index: 1;
        pointer-events: none;
      }
    `,
  ];

  focusActiveCell(): void {
    this.focusAfterRender = true;
    this.requestUpdate();
  }

  protected override firstUpdated(): void {
    // Start scrolled to just above 07:00, where the working day begins, so its label clears the all-day lane.
    const hour =
      parseFloat(getComputedStyle(this).getPropertyValue('--icp-calendar-hour-height')) || 48;
    this.scrollTop = 7 * hour - 12;
  }

  protected override updated(changed: PropertyValues): void {
    super.updated(changed);
    if (this.focusAfterRender) {
      this.focusAfterRender = false;
      this.renderRoot.querySelector<HTMLElement>('.column[tabindex="0"]')?.focus();
    }
  }

  protected override render() {
    const { locale, timeZone, today } = this.context;
    const clock = zoneClock(timeZone);
    const days = Array.from({ length: this.dayCount }, (_, i) => this.firstDay + i);
    const allDay = this.occurrences.filter(
      (occurrence) =>
        occurrence.allDay || clock.dayOf(occurrence.end - 1) > clock.dayOf(occurrence.start),
    );
    const lane = layoutWeeks(allDay, clock, this.firstDay, 1, ALL_DAY_ROWS + 1)[0]!;
    const lanes = Math.max(1, ...lane.segments.map((segment) => segment.lane + 1));
    const timed = this.occurrences.filter((occurrence) => !allDay.includes(occurrence));
    const nowMinute = clock.minuteOfDay(Date.now());
    return html`<div
      role="grid"
      part="time-grid"
      aria-readonly=${String(!this.context.editable)}
      aria-label=${formatDay(this.focusDay, locale, { month: 'long', day: 'numeric', year: 'numeric' })}
      style=${`--days:${this.dayCount};--lanes:${lanes}`}
      @keydown=${this.onKeyDown}
    >
      <div role="row" class="head">
        <div role="columnheader"><span class="visually-hidden">Time</span></div>
        ${days.map(
          (day) =>
            html`<div role="columnheader" part="weekday" class=${day === today ? 'today' : ''}>
              ${formatDay(day, locale, { weekday: 'short', day: 'numeric' })}
            </div>`,
        )}
      </div>
      <div role="row" class="all-day head" style="top: 1.6rem">
        <div role="rowheader">All day</div>
        ${days.map(
          (day, column) =>
            html`<div role="gridcell" part="all-day">
              ${lane.segments
                .filter((segment) => segment.column === column && column < this.dayCount)
                .map(
                  (segment) =>
                    html`<button
                      class="event"
                      part="event"
                      tabindex=${day === this.focusDay ? 0 : -1}
                      style=${`--lane:${segment.lane};--span:${Math.min(segment.span, this.dayCount - column)};${chipColours(this.context.colourOf(segment.occurrence))}`}
                      data-event-id=${segment.occurrence.eventId}
                      @click=${() => this.activate(segment.occurrence)}
                    >
                      ${this.context.eventContent ? this.context.eventContent(segment.occurrence) : segment.occurrence.title}
                      <span class="visually-hidden"
                        >, ${eventWhen(segment.occurrence, locale, timeZone)}</span
                      >
                    </button>`,
                )}
              ${lane.hidden[column]! > 0 ? html`<span class="visually-hidden">${lane.hidden[column]} more</span>` : nothing}
            </div>`,
        )}
      </div>
      <div role="row">
        <div role="rowheader" class="hours" aria-label="Hours">
          ${Array.from({ length: 23 }, (_, i) => i + 1).map(
            (hour) =>
              html`<span aria-hidden="true" style=${`top: calc(${hour} * var(--_hour))`}
                >${formatter(locale, { hour: 'numeric', timeZone: 'UTC' }).format(hour * 3_600_000)}</span
              >`,
          )}
        </div>
        ${days.map((day) => this.renderColumn(day, timed, clock, day === today ? nowMinute : undefined))}
      </div>
    </div>`;
  }

  private renderColumn(
    day: number,
    timed: Occurrence[],
    clock: ReturnType<typeof zoneClock>,
    nowMinute: number | undefined,
  ) {
    const { locale, timeZone, today } = this.context;
    const boxes = layoutDay(timed, clock, day);
    const active = day === this.focusDay;
    const preview = this.preview?.day === day ? this.preview : undefined;
    return html`<div
      role="gridcell"
      class=${`column${day === today ? ' today' : ''}`}
      part=${`day${day === today ? ' today' : ''}`}
      tabindex=${active ? 0 : -1}
      aria-selected=${active ? 'true' : 'false'}
      data-day=${isoDay(day)}
      @pointerdown=${(event: PointerEvent) => this.drag.start(event, day)}
    >
      <span class="visually-hidden"
        >${formatDay(day, locale, { weekday: 'long', month: 'long', day: 'numeric' })},
        ${boxes.length === 1 ? '1 event' : `${boxes.length} events`}</span
      >
      ${boxes.map(
        (box) =>
          html`<button
            class=${box.endMinute - box.startMinute < 45 ? 'event short' : 'event'}
            part="event"
            tabindex=${active ? 0 : -1}
            style=${`--start:${box.startMinute};--end:${box.endMinute};--col:${box.column};--cols:${box.columns};${chipColours(this.context.colourOf(box.occurrence))}`}
            data-event-id=${box.occurrence.eventId}
            @pointerdown=${(event: PointerEvent) => this.drag.start(event, day, box.occurrence)}
            @click=${() => this.activate(box.occurrence)}
          >
            ${
              this.context.eventContent
                ? this.context.eventContent(box.occurrence)
                : html`<strong>${shortTime(box.occurrence, locale, timeZone)}</strong>
                    ${box.occurrence.title}`
            }
            ${this.context.editable ? html`<span class="resize" data-resize aria-hidden="true"></span>` : nothing}
            <span class="visually-hidden">, ${eventWhen(box.occurrence, locale, timeZone)}</span>
          </button>`,
      )}
      ${preview ? html`<div class="preview" style=${`--start:${preview.startMinute};--end:${preview.endMinute}`}></div>` : nothing}
      ${nowMinute !== undefined ? html`<div class="now" part="now-line" style=${`--minute:${nowMinute}`}></div>` : nothing}
    </div>`;
  }

  /** Suppresses the click that follows a drag. */
  suppressClick = false;

  private activate(occurrence: Occurrence): void {
    if (this.suppressClick) {
      this.suppressClick = false;
      return;
    }
    this.dispatchEvent(
      new CustomEvent('icp-occurrence-activate', {
        detail: { occurrence },
        bubbles: true,
      }),
    );
  }

  private onKeyDown(event: KeyboardEvent): void {
    handleGridKey(this, event, this.view, this.context.weekStart);
  }
}

if (!customElements.get('icp-time-grid')) customElements.define('icp-time-grid', IcpTimeGrid);
