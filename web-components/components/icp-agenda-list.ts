import { LitElement, css, html } from 'lit';

import type { Occurrence } from '../client/calendar-source.ts';
import { daySpan } from '../layout/day-span.ts';
import { isoDay } from '../model/days.ts';
import { formatDay, formatTime } from '../model/formatters.ts';
import { zoneClock } from '../model/zone-clock.ts';
import { chipColours } from './colour-contrast.ts';
import { eventWhen } from './event-label.ts';
import type { RenderContext } from './render-context.ts';
import { baseStyles } from './shared-styles.ts';

/** Agenda: the days of the range that have events, each with its events in start order. */
export class IcpAgendaList extends LitElement {
  static properties = {
    occurrences: { attribute: false },
    firstDay: { attribute: false },
    dayCount: { attribute: false },
    context: { attribute: false },
  };
  declare occurrences: Occurrence[];
  declare firstDay: number;
  declare dayCount: number;
  declare context: RenderContext;

  constructor() {
    super();
    this.occurrences = [];
    this.firstDay = 0;
    this.dayCount = 0;
  }

  static styles = [
    baseStyles,
    css`
      :host {
        display: block;
        overflow: auto;
        height: 100%;
      }
      h3 {
        font-size: 0.9rem;
        margin: 12px 0 4px;
        padding-bottom: 2px;
        border-bottom: 1px solid var(--_border);
      }
      h3.today {
        color: var(--_accent);
      }
      ul {
        list-style: none;
        margin: 0;
        padding: 0;
        display: grid;
        gap: 4px;
      }
      .event {
        display: grid;
        grid-template-columns: 9rem 1fr;
        width: 100%;
        line-height: 1.6;
        font-size: 0.85rem;
      }
      .empty {
        color: var(--_muted);
        padding: 24px 0;
      }
    `,
  ];

  protected override render() {
    const { locale, timeZone, today } = this.context;
    const clock = zoneClock(timeZone);
    const days = new Map<number, Occurrence[]>();
    const lastDay = this.firstDay + this.dayCount - 1;
    for (const occurrence of this.occurrences) {
      const { first, last } = daySpan(occurrence, clock);
      for (let day = Math.max(first, this.firstDay); day <= Math.min(last, lastDay); day++) {
        let list = days.get(day);
        if (!list) days.set(day, (list = []));
        list.push(occurrence);
      }
    }
    const ordered = [...days.keys()].sort((a, b) => a - b);
    if (ordered.length === 0)
      return html`<p class="empty" part="agenda-empty">No events in this period.</p>`;
    return html`${ordered.map((day) => {
      const heading = formatDay(day, locale, { weekday: 'long', month: 'long', day: 'numeric' });
      return html`<section part="agenda-day" data-day=${isoDay(day)} aria-label=${heading}>
        <h3 class=${day === today ? 'today' : ''}>${heading}</h3>
        <ul>
          ${days.get(day)!.map(
            (occurrence) =>
              html`<li>
                <button
                  class="event"
                  part="event"
                  style=${chipColours(this.context.colourOf(occurrence))}
                  data-event-id=${occurrence.eventId}
                  @click=${() =>
                    this.dispatchEvent(
                      new CustomEvent('icp-occurrence-activate', {
                        detail: { occurrence },
                        bubbles: true,
                      }),
                    )}
                >
                  <span
                    >${occurrence.allDay ? 'All day' : formatTime(occurrence.start, locale, timeZone)}</span
                  >
                  <span
                    >${this.context.eventContent ? this.context.eventContent(occurrence) : occurrence.title}</span
                  >
                  <span class="visually-hidden">, ${eventWhen(occurrence, locale, timeZone)}</span>
                </button>
              </li>`,
          )}
        </ul>
      </section>`;
    })}`;
  }
}

if (!customElements.get('icp-agenda-list')) customElements.define('icp-agenda-list', IcpAgendaList);
