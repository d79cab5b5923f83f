import { LitElement, css, html } from 'lit';

import type { CalendarView } from '../a11y/grid-keyboard.ts';
import { baseStyles } from './shared-styles.ts';

const VIEWS: { view: CalendarView; label: string }[] = [
  { view: 'month', label: 'Month' },
  { view: 'week', label: 'Week' },
  { view: 'day', label: 'Day' },
  { view: 'agenda', label: 'Agenda' },
];

/**
 * Title of the shown period (announced when it changes), previous/today/next, and the view switcher.
 * Anything slotted into `end` (the calendar puts its sign-in button there) follows the view switcher.
 */
export class IcpCalendarToolbar extends LitElement {
  static properties = {
    heading: {},
    view: {},
    status: {},
  };
  declare heading: string;
  declare view: CalendarView;
  /** Loading/error text shown beside the title. */
  declare status: string;

  constructor() {
    super();
    this.heading = '';
    this.view = 'month';
    this.status = '';
  }

  static styles = [
    baseStyles,
    css`
      :host {
        display: flex;
        flex-wrap: wrap;
        align-items: center;
        gap: 8px;
        padding: 8px 0;
      }
      h2 {
        font-size: 1.15rem;
        margin: 0 auto 0 8px;
      }
      .group {
        display: inline-flex;
      }
      button {
        background: var(--_bg);
        border: 1px solid var(--_border);
        padding: 4px 10px;
        cursor: pointer;
        min-height: 32px;
      }
      .group button + button {
        margin-left: -1px;
      }
      button[aria-pressed='true'] {
        background: var(--_accent);
        border-color: var(--_accent);
        color: var(--_bg);
      }
      .status {
        font-size: 0.8rem;
        color: var(--_muted);
      }
    `,
  ];

  protected override render() {
    return html`
      <div class="group" part="toolbar-navigation">
        <button part="button" aria-label="Previous period" @click=${() => this.navigate(-1)}>
          ‹
        </button>
        <button part="button" @click=${() => this.navigate(0)}>Today</button>
        <button part="button" aria-label="Next period" @click=${() => this.navigate(1)}>›</button>
      </div>
      <h2 part="title" aria-live="polite">${this.heading}</h2>
      <span class="status" role="status">${this.status}</span>
      <div class="group" role="group" aria-label="View">
        ${VIEWS.map(
          ({ view, label }) =>
            html`<button
              part="button"
              aria-pressed=${this.view === view ? 'true' : 'false'}
              @click=${() => this.dispatch('icp-view-change', { view })}
            >
              ${label}
            </button>`,
        )}
      </div>
      <slot name="end"></slot>
    `;
  }

  private navigate(direction: number): void {
    this.dispatch('icp-navigate', { direction });
  }

  private dispatch(name: string, detail: unknown): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true }));
  }
}

if (!customElements.get('icp-calendar-toolbar'))
  customElements.define('icp-calendar-toolbar', IcpCalendarToolbar);
