import { LitElement, css, html } from 'lit';

import type { CalendarView } from '../a11y/grid-keyboard.ts';
import { baseStyles } from './shared-styles.ts';

const VIEWS: { view: CalendarView; label: string }[] = [
  { view: 'month', label: 'Month' },
  { view: 'week', label: 'Week' },
  { view: 'day', label: 'Day' },
  { view: 'agenda', label: 'Agenda' },
];

/** Below this width (px) the navigation and view buttons collapse into a menu. */
export const NARROW_TOOLBAR_PX = 600;

/**
 * Title of the shown period (announced when it changes), previous/today/next, and the view switcher.
 * Anything slotted into `end` (the calendar puts its sign-in button there) follows the view switcher.
 * Narrower than NARROW_TOOLBAR_PX, the navigation and view buttons sit behind a menu button
 * (`aria-expanded`); Escape closes the menu, and choosing a view closes it, focus back on the button.
 */
export class IcpCalendarToolbar extends LitElement {
  static properties = {
    heading: {},
    view: {},
    status: {},
    narrow: { state: true },
    menuOpen: { state: true },
  };
  declare heading: string;
  declare view: CalendarView;
  /** Loading/error text shown beside the title. */
  declare status: string;
  declare narrow: boolean;
  declare menuOpen: boolean;
  private readonly resize = new ResizeObserver((entries) => {
    const width = entries[entries.length - 1]?.contentRect.width ?? 0;
    const narrow = width > 0 && width < NARROW_TOOLBAR_PX;
    if (narrow === this.narrow) return;
    this.narrow = narrow;
    this.menuOpen = false;
  });

  constructor() {
    super();
    this.heading = '';
    this.view = 'month';
    this.status = '';
    this.narrow = false;
    this.menuOpen = false;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize.observe(this);
  }

  override disconnectedCallback(): void {
    this.resize.disconnect();
    super.disconnectedCallback();
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
      .menu {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        width: 100%;
      }
      .menu[hidden] {
        display: none;
      }
    `,
  ];

  protected override render() {
    if (this.narrow) {
      return html`
        <button
          part="button menu-button"
          aria-expanded=${this.menuOpen ? 'true' : 'false'}
          aria-controls="menu"
          aria-label="View and navigation"
          @click=${() => (this.menuOpen = !this.menuOpen)}
        >
          ☰
        </button>
        <h2 part="title" aria-live="polite">${this.heading}</h2>
        <span class="status" role="status">${this.status}</span>
        <slot name="end"></slot>
        <div id="menu" class="menu" ?hidden=${!this.menuOpen} @keydown=${this.onMenuKey}>
          ${this.renderNavigation()} ${this.renderViews()}
        </div>
      `;
    }
    return html`
      ${this.renderNavigation()}
      <h2 part="title" aria-live="polite">${this.heading}</h2>
      <span class="status" role="status">${this.status}</span>
      ${this.renderViews()}
      <slot name="end"></slot>
    `;
  }

  private renderNavigation() {
    return html`<div class="group" part="toolbar-navigation">
      <button part="button" aria-label="Previous period" @click=${() => this.navigate(-1)}>
        ‹
      </button>
      <button part="button" @click=${() => this.navigate(0)}>Today</button>
      <button part="button" aria-label="Next period" @click=${() => this.navigate(1)}>›</button>
    </div>`;
  }

  private renderViews() {
    return html`<div class="group" role="group" aria-label="View">
      ${VIEWS.map(
        ({ view, label }) =>
          html`<button
            part="button"
            aria-pressed=${this.view === view ? 'true' : 'false'}
            @click=${() => this.chooseView(view)}
          >
            ${label}
          </button>`,
      )}
    </div>`;
  }

  private chooseView(view: CalendarView): void {
    this.dispatch('icp-view-change', { view });
    if (this.narrow) this.closeMenu();
  }

  private readonly onMenuKey = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    this.closeMenu();
  };

  private closeMenu(): void {
    this.menuOpen = false;
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLButtonElement>('button[aria-controls="menu"]')?.focus(),
    );
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
