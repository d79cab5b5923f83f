import { LitElement, css, html } from 'lit';

import type { CalendarInfo } from '../client/calendar-source.ts';
import { baseStyles } from './shared-styles.ts';

/**
 * The shown calendars, each a toggle button with its colour: pressed while its events are drawn.
 * Emits `icp-legend-toggle` {calendarId}; the owner decides what is hidden.
 */
export class IcpCalendarLegend extends LitElement {
  static properties = {
    calendars: { attribute: false },
    hiddenIds: { attribute: false },
    label: {},
  };
  declare calendars: CalendarInfo[];
  declare hiddenIds: ReadonlySet<string>;
  declare label: string;

  constructor() {
    super();
    this.calendars = [];
    this.hiddenIds = new Set();
    this.label = 'Calendars';
  }

  static styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        gap: 6px;
        padding: 0 0 6px;
      }
      button {
        display: inline-flex;
        align-items: center;
        gap: 6px;
        padding: 2px 8px;
        border: 1px solid var(--_border);
        border-radius: 999px;
        background: var(--_bg);
        font-size: 0.8rem;
        cursor: pointer;
      }
      button[aria-pressed='false'] {
        color: var(--_muted);
        text-decoration: line-through;
      }
      .swatch {
        width: 0.75rem;
        height: 0.75rem;
        border-radius: 50%;
        border: 2px solid var(--swatch);
        background: var(--swatch);
      }
      button[aria-pressed='false'] .swatch {
        background: transparent;
      }
    `,
  ];

  protected override render() {
    return html`<div role="group" aria-label=${this.label} style="display:contents">
      ${this.calendars.map(
        (calendar) =>
          html`<button
            part="legend-item"
            aria-pressed=${this.hiddenIds.has(calendar.id) ? 'false' : 'true'}
            data-calendar-id=${calendar.id}
            @click=${() =>
              this.dispatchEvent(
                new CustomEvent('icp-legend-toggle', {
                  detail: { calendarId: calendar.id },
                  bubbles: true,
                }),
              )}
          >
            <span class="swatch" style=${`--swatch:${calendar.color}`}></span>${calendar.name}
          </button>`,
      )}
    </div>`;
  }
}

if (!customElements.get('icp-calendar-legend'))
  customElements.define('icp-calendar-legend', IcpCalendarLegend);
