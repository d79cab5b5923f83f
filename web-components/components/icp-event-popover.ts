import { LitElement, css, html, nothing } from 'lit';

import type { CalendarInfo, EventDetails, Occurrence } from '../client/calendar-source.ts';
import { recurrenceInWords } from '../model/recurrence-words.ts';
import { dialogStyles } from './dialog-styles.ts';
import { eventWhen } from './event-label.ts';
import { deepActiveElement } from './icp-event-dialog.ts';
import { linkedText } from './linked-text.ts';
import { baseStyles } from './shared-styles.ts';
import { DEFAULT_STRINGS, type WidgetStrings } from './widget-strings.ts';

export interface PopoverRequest {
  occurrence: Occurrence;
  calendar: CalendarInfo | undefined;
  /** The viewer's display zone. */
  timeZone: string;
  locale: string | undefined;
  /** Offer Edit (the viewer may write to the event's calendar). */
  canEdit: boolean;
  /** The stored event's location and description, which occurrence lists may leave out. */
  details?: Promise<EventDetails>;
}

/**
 * An event's details for everyone: title, when (in the viewer's zone, and in the event's own zone when it
 * differs), the rule in words, location, description with safe links, calendar. A modal <dialog> placed
 * beside the event it belongs to: Escape, Close or a click outside close it and focus returns to the event.
 * Shows the list data at once and the loaded details when they come. Emits `icp-popover-edit` {occurrence}
 * when Edit is chosen.
 */
export class IcpEventPopover extends LitElement {
  static properties = {
    request: { state: true },
    details: { state: true },
    strings: { attribute: false },
  };
  declare request: PopoverRequest | undefined;
  /** The request's details: 'loading' until they come, 'failed' if they never do. */
  declare details: EventDetails | 'loading' | 'failed' | undefined;
  declare strings: WidgetStrings;
  private returnFocusTo: HTMLElement | undefined;

  constructor() {
    super();
    this.request = undefined;
    this.details = undefined;
    this.strings = DEFAULT_STRINGS;
  }

  static styles = [
    baseStyles,
    dialogStyles,
    css`
      dialog {
        position: fixed;
        margin: 0;
        width: min(22rem, calc(100vw - 16px));
        max-height: calc(100vh - 16px);
        overflow: auto;
      }
      dialog::backdrop {
        background: transparent;
      }
      h2 {
        display: flex;
        gap: 8px;
        align-items: baseline;
        overflow-wrap: anywhere;
      }
      .swatch {
        flex: none;
        width: 0.8rem;
        height: 0.8rem;
        border-radius: 3px;
      }
      dl {
        display: grid;
        grid-template-columns: auto 1fr;
        gap: 4px 10px;
        margin: 0 0 12px;
        font-size: 0.85rem;
      }
      dt,
      .note {
        color: var(--_muted);
      }
      .note {
        margin: -4px 0 12px;
        font-size: 0.85rem;
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
        white-space: pre-line;
      }
      a {
        color: var(--_accent);
      }
      @media (max-width: 600px) {
        dialog {
          inset: auto 8px 8px 8px !important;
          width: auto;
        }
      }
    `,
  ];

  /** Shows `request` beside `anchor` (default: the focused element, which also gets focus back). */
  open(request: PopoverRequest, anchor: HTMLElement | undefined = deepActiveElement()): void {
    this.returnFocusTo = anchor;
    this.request = request;
    this.details = request.details && 'loading';
    // A popover closed or showing another event by then (request changed) ignores the answer.
    request.details?.then(
      (details) => {
        if (this.request === request) this.details = details;
      },
      () => {
        if (this.request === request) this.details = 'failed';
      },
    );
    void this.updateComplete.then(() => {
      const dialog = this.renderRoot.querySelector('dialog')!;
      if (!dialog.open) dialog.showModal();
      this.place(dialog);
      dialog.querySelector<HTMLElement>('.actions button')?.focus();
    });
  }

  protected override updated(): void {
    // Loaded details change the popover's height: it may then fit only on the other side of the event.
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) this.place(dialog);
  }

  get isOpen(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false;
  }

  close(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
  }

  private place(dialog: HTMLDialogElement): void {
    const rect = this.returnFocusTo?.getBoundingClientRect();
    const box = dialog.getBoundingClientRect();
    const gap = 6;
    const width = window.innerWidth;
    const height = window.innerHeight;
    const left = rect
      ? Math.min(Math.max(8, rect.left), width - box.width - 8)
      : (width - box.width) / 2;
    let top = rect ? rect.bottom + gap : (height - box.height) / 2;
    if (rect && top + box.height > height - 8) top = Math.max(8, rect.top - gap - box.height);
    dialog.style.left = `${Math.max(8, left)}px`;
    dialog.style.top = `${Math.max(8, top)}px`;
  }

  protected override render() {
    const request = this.request;
    return html`<dialog
      part="popover"
      aria-labelledby="popover-title"
      @close=${this.onClosed}
      @click=${(event: Event) => {
        // A click on the backdrop lands on the dialog itself; clicks inside land on its children.
        if (event.target === event.currentTarget) this.close();
      }}
    >
      ${request ? this.renderDetails(request) : nothing}
    </dialog>`;
  }

  private renderDetails({ occurrence, calendar, timeZone, locale, canEdit }: PopoverRequest) {
    const strings = this.strings;
    const details = this.details;
    // Loaded details are the stored ones (an overridden occurrence's own); until then, what the list had.
    const { location, description } = typeof details === 'object' ? details : occurrence;
    const colour = occurrence.color ?? calendar?.color;
    const ownZone =
      !occurrence.allDay && occurrence.timeZone !== timeZone
        ? `${eventWhen(occurrence, locale, occurrence.timeZone)} (${occurrence.timeZone})`
        : undefined;
    const rule = occurrence.rrule
      ? recurrenceInWords(occurrence.rrule, locale)
      : occurrence.recurring
        ? strings.repeats
        : undefined;
    const row = (label: string, value: unknown) =>
      html`<dt>${label}</dt>
        <dd>${value}</dd>`;
    return html`<h2 id="popover-title">
        ${colour ? html`<span class="swatch" style=${`background:${colour}`}></span>` : nothing}
        <span>${occurrence.title}</span>
      </h2>
      <dl>
        ${row(strings.when, eventWhen(occurrence, locale, timeZone))}
        ${ownZone ? row(strings.eventTimeZone, ownZone) : nothing}
        ${rule ? row(strings.repeatsLabel, rule) : nothing}
        ${location ? row(strings.location, linkedText(location)) : nothing}
        ${description ? row(strings.description, linkedText(description)) : nothing}
        ${calendar ? row(strings.calendar, calendar.name) : nothing}
      </dl>
      ${
        typeof details === 'string'
          ? html`<p class="note" role="status">
              ${details === 'loading' ? strings.loadingDetails : strings.detailsFailed}
            </p>`
          : nothing
      }
      <div class="actions">
        ${
          canEdit
            ? html`<button type="button" class="primary" @click=${this.onEdit}>
                ${strings.edit}
              </button>`
            : nothing
        }
        <button type="button" @click=${() => this.close()}>${strings.close}</button>
      </div>`;
  }

  private onEdit(): void {
    const occurrence = this.request?.occurrence;
    const anchor = this.returnFocusTo;
    this.returnFocusTo = undefined;
    this.close();
    if (!occurrence) return;
    this.dispatchEvent(
      new CustomEvent('icp-popover-edit', { detail: { occurrence, anchor }, bubbles: true }),
    );
  }

  private onClosed(): void {
    this.request = undefined;
    this.returnFocusTo?.focus();
    this.returnFocusTo = undefined;
  }
}

if (!customElements.get('icp-event-popover'))
  customElements.define('icp-event-popover', IcpEventPopover);
