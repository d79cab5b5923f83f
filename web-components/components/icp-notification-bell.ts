import { LitElement, css, html, nothing } from 'lit';

import type { NotificationItem, NotificationSource } from '../client/notification-source.ts';
import { baseStyles, themeTokens } from './shared-styles.ts';

const POLL_MS = 30_000;
const LIST_LIMIT = 20;

/**
 * A bell with the unread count; Enter/Space or a click opens the list of notifications. In the
 * list, ↑/↓/Home/End move between entries, Enter marks one read, Escape closes and returns focus
 * to the bell. The count is announced politely when it changes.
 */
export class IcpNotificationBell extends LitElement {
  static properties = {
    source: { attribute: false },
    unread: { state: true },
    items: { state: true },
    open: { state: true },
  };
  declare source: NotificationSource | undefined;
  declare unread: number;
  declare items: NotificationItem[];
  declare open: boolean;
  private timer: ReturnType<typeof setInterval> | undefined;
  private unsubscribe: (() => void) | undefined;
  private watched: NotificationSource | undefined;

  constructor() {
    super();
    this.unread = 0;
    this.items = [];
    this.open = false;
  }

  static styles = [
    themeTokens,
    baseStyles,
    css`
      :host {
        position: relative;
        display: inline-block;
      }
      .bell {
        background: var(--_bg);
        border: 1px solid var(--_border);
        min-height: 32px;
        padding: 4px 10px;
        cursor: pointer;
      }
      .count {
        display: inline-block;
        min-width: 1.2em;
        margin-left: 4px;
        border-radius: 9px;
        background: var(--_accent);
        color: var(--_bg);
        font-size: 0.75rem;
      }
      ul {
        position: absolute;
        right: 0;
        z-index: 5;
        width: 280px;
        max-height: 320px;
        overflow: auto;
        margin: 4px 0 0;
        padding: 4px;
        list-style: none;
        background: var(--_bg);
        border: 1px solid var(--_border);
      }
      li button {
        display: block;
        width: 100%;
        text-align: left;
        background: none;
        border: 0;
        padding: 6px;
        cursor: pointer;
      }
      li button[data-unread] {
        font-weight: 600;
      }
      .empty {
        padding: 6px;
        color: var(--_muted);
      }
    `,
  ];

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => void this.refresh(), POLL_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.unsubscribe?.();
    this.watched = undefined;
  }

  protected override willUpdate(): void {
    if (this.source === this.watched) return;
    this.unsubscribe?.();
    this.watched = this.source;
    this.unsubscribe = this.source?.subscribe?.(() => void this.refresh());
    void this.refresh();
  }

  /** Reads the unread count (and the list when open) again. */
  async refresh(): Promise<void> {
    if (!this.source) return;
    this.unread = await this.source.unreadCount();
    if (this.open) this.items = await this.source.list(LIST_LIMIT);
  }

  protected override render() {
    const label = `Notifications, ${this.unread} unread`;
    return html`
      <button
        class="bell"
        part="button notification-bell"
        aria-label=${label}
        aria-haspopup="true"
        aria-expanded=${this.open ? 'true' : 'false'}
        @click=${() => this.toggle()}
      >
        🔔${this.unread > 0 ? html`<span class="count" aria-hidden="true">${this.unread}</span>` : nothing}
      </button>
      <span class="sr" role="status" style="position:absolute;clip:rect(0 0 0 0)">${label}</span>
      ${
        this.open
          ? html`<ul part="notification-list" aria-label="Notifications" @keydown=${this.onListKey}>
              ${this.items.length === 0 ? html`<li class="empty">No notifications</li>` : nothing}
              ${this.items.map(
                (item) =>
                  html`<li>
                    <button
                      ?data-unread=${!item.read}
                      aria-label=${`${item.read ? '' : 'Unread: '}${item.title}. ${item.body}`}
                      @click=${() => this.markRead(item)}
                    >
                      ${item.title}<br /><small>${item.body}</small>
                    </button>
                  </li>`,
              )}
            </ul>`
          : nothing
      }
    `;
  }

  private async toggle(): Promise<void> {
    this.open = !this.open;
    if (!this.open || !this.source) return;
    this.items = await this.source.list(LIST_LIMIT);
    await this.updateComplete;
    this.entries()[0]?.focus();
  }

  private async markRead(item: NotificationItem): Promise<void> {
    if (!this.source || item.read) return;
    this.unread = await this.source.markRead([item.id]);
    this.items = this.items.map((i) => (i.id === item.id ? { ...i, read: true } : i));
  }

  private entries(): HTMLButtonElement[] {
    return [...(this.renderRoot.querySelectorAll('li button') as NodeListOf<HTMLButtonElement>)];
  }

  private readonly onListKey = (event: KeyboardEvent): void => {
    const entries = this.entries();
    const at = entries.indexOf(
      this.renderRoot.querySelector('li button:focus') as HTMLButtonElement,
    );
    const moves: Record<string, number> = {
      ArrowDown: Math.min(at + 1, entries.length - 1),
      ArrowUp: Math.max(at - 1, 0),
      Home: 0,
      End: entries.length - 1,
    };
    if (event.key === 'Escape') {
      event.preventDefault();
      this.open = false;
      void this.updateComplete.then(() =>
        (this.renderRoot.querySelector('.bell') as HTMLButtonElement).focus(),
      );
    } else if (event.key in moves) {
      event.preventDefault();
      entries[moves[event.key]!]?.focus();
    }
  };
}

if (!customElements.get('icp-notification-bell'))
  customElements.define('icp-notification-bell', IcpNotificationBell);
