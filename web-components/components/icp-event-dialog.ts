import { LitElement, html, nothing } from 'lit';

import type {
  CalendarInfo,
  EditScope,
  EventDetails,
  EventInput,
  Occurrence,
} from '../client/calendar-source.ts';
import { parseRrule } from '../model/recurrence.ts';
import {
  FIELD_LIMITS,
  RECURRENCE_PRESETS,
  REMINDER_CHOICES,
  readExtraFields,
  fromDateInput,
  fromDateTimeInput,
  presetOf,
  timeZoneChoices,
  toDateInput,
  toDateTimeInput,
} from './dialog-fields.ts';
import { dialogStyles } from './dialog-styles.ts';
import { chosenScope, scopeChoice } from './scope-choice.ts';
import { baseStyles } from './shared-styles.ts';

const DAY_MS = 86_400_000;

/** `details`: the stored event's details, which occurrence lists may leave out. */
export type DialogRequest =
  | { mode: 'create'; draft: EventInput }
  | { mode: 'edit'; occurrence: Occurrence; details?: Promise<EventDetails> };

/**
 * Create / edit / delete dialog on a native modal <dialog>: the browser makes the page behind it inert and keeps
 * Tab inside; focus returns to whatever had it when the dialog opened. A recurring occurrence asks whether
 * the change applies to this occurrence, this and following, or all.
 * Emits `icp-dialog-save` {input, occurrence?, scope} and `icp-dialog-delete` {occurrence, scope}.
 */
export class IcpEventDialog extends LitElement {
  static properties = {
    calendars: { attribute: false },
    request: { state: true },
    allDay: { state: true },
    preset: { state: true },
    problem: { state: true },
    details: { state: true },
  };
  declare calendars: CalendarInfo[];
  declare request: DialogRequest | undefined;
  declare allDay: boolean;
  declare preset: string;
  declare problem: string;
  /** Loaded details of the edited event: 'loading' until they come, 'failed' if they never do. */
  declare details: EventDetails | 'loading' | 'failed' | undefined;
  private returnFocusTo: HTMLElement | undefined;

  constructor() {
    super();
    this.calendars = [];
    this.request = undefined;
    this.allDay = false;
    this.preset = 'none';
    this.problem = '';
    this.details = undefined;
  }

  static styles = [baseStyles, dialogStyles];

  /** Opens the dialog; focus goes back to `returnFocusTo` (default: what has it now) when it closes. */
  open(request: DialogRequest, returnFocusTo: HTMLElement | undefined = deepActiveElement()): void {
    this.returnFocusTo = returnFocusTo;
    this.request = request;
    const event = request.mode === 'create' ? request.draft : request.occurrence;
    this.allDay = event.allDay;
    this.preset = presetOf(event.rrule);
    this.problem = '';
    this.details = request.mode === 'edit' && request.details ? 'loading' : undefined;
    if (request.mode === 'edit' && request.details) {
      request.details.then(
        (details) => {
          if (this.request === request) this.details = details;
        },
        (error: unknown) => {
          if (this.request !== request) return;
          this.details = 'failed';
          // Saving still works: the fields it could not load stay out of the write, so the stored values stay.
          this.problem = `Details not loaded: ${(error as Error)?.message ?? error}`;
        },
      );
    }
    void this.updateComplete.then(() => {
      const dialog = this.dialog();
      dialog.querySelector('form')?.reset();
      if (!dialog.open) dialog.showModal();
      dialog.querySelector<HTMLInputElement>('input[name="title"]')?.focus();
    });
  }

  close(): void {
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
  }

  get isOpen(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false;
  }

  private dialog(): HTMLDialogElement {
    return this.renderRoot.querySelector('dialog')!;
  }

  private onClosed(): void {
    this.request = undefined;
    this.returnFocusTo?.focus();
    this.returnFocusTo = undefined;
  }

  protected override render() {
    const request = this.request;
    const details = this.details;
    const loaded = typeof details === 'object' ? details : undefined;
    // Fields not loaded are disabled: the form then leaves them out and the source keeps the stored values.
    const locked = typeof details === 'string';
    const base = request
      ? request.mode === 'create'
        ? request.draft
        : request.occurrence
      : undefined;
    const event = base && loaded ? { ...base, ...loaded } : base;
    const recurring =
      request?.mode === 'edit' && Boolean(request.occurrence.rrule || request.occurrence.recurring);
    // Sources give each occurrence its calendar's colour when it has none of its own.
    const calendarColour = this.calendars.find((c) => c.id === event?.calendarId)?.color;
    const ownColour = loaded
      ? loaded.color || undefined
      : event?.color && event.color.toLowerCase() !== calendarColour?.toLowerCase()
        ? event.color
        : undefined;
    const reminders = event?.reminders ?? [];
    return html`<dialog part="dialog" aria-labelledby="dialog-title" @close=${this.onClosed}>
      ${
        event
          ? html`<h2 id="dialog-title">
                ${request!.mode === 'create' ? 'New event' : 'Edit event'}
              </h2>
              <form @submit=${this.onSubmit}>
                <label>Title <input name="title" required .defaultValue=${event.title} /></label>
                <label class="inline"
                  ><input
                    type="checkbox"
                    name="allDay"
                    .defaultChecked=${event.allDay}
                    @change=${(e: Event) => (this.allDay = (e.target as HTMLInputElement).checked)}
                  />All day</label
                >
                ${this.renderTimes(event)}
                <label
                  >Time zone
                  <select name="timeZone">
                    ${timeZoneChoices(event.timeZone).map(
                      (zone) => html`<option ?selected=${zone === event.timeZone}>${zone}</option>`,
                    )}
                  </select>
                </label>
                <label
                  >Repeats
                  <select
                    name="preset"
                    @change=${(e: Event) => (this.preset = (e.target as HTMLSelectElement).value)}
                  >
                    ${RECURRENCE_PRESETS.map(
                      (preset) =>
                        html`<option value=${preset.id} ?selected=${preset.id === this.preset}>
                          ${preset.label}
                        </option>`,
                    )}
                  </select>
                </label>
                ${
                  this.preset === 'custom'
                    ? html`<label
                        >Custom rule (RRULE)
                        <input
                          name="rrule"
                          .defaultValue=${event.rrule ?? 'FREQ=WEEKLY;INTERVAL=2'}
                        />
                      </label>`
                    : nothing
                }
                <label
                  >Location
                  <input
                    name="location"
                    maxlength=${FIELD_LIMITS.locationMaxChars}
                    ?disabled=${locked}
                    .defaultValue=${event.location ?? ''}
                  />
                </label>
                <label
                  >Description
                  <textarea
                    name="description"
                    rows="3"
                    ?disabled=${locked}
                    .defaultValue=${event.description ?? ''}
                  ></textarea>
                </label>
                <div class="colour">
                  <label class="inline"
                    ><input
                      type="checkbox"
                      name="ownColor"
                      ?disabled=${locked}
                      .defaultChecked=${ownColour !== undefined}
                    />Own colour</label
                  >
                  <input
                    type="color"
                    name="color"
                    aria-label="Event colour"
                    ?disabled=${locked}
                    .defaultValue=${longColour(ownColour ?? calendarColour ?? '#1d4ed8')}
                  />
                </div>
                <fieldset ?disabled=${locked}>
                  <legend>Reminders</legend>
                  ${REMINDER_CHOICES.map(
                    (choice) =>
                      html`<label class="inline"
                        ><input
                          type="checkbox"
                          name="reminder"
                          value=${choice.minutes}
                          .defaultChecked=${reminders.includes(choice.minutes)}
                        />${choice.label}</label
                      >`,
                  )}
                  <label
                    >Other reminders (minutes before, separated by commas)
                    <input
                      name="otherReminders"
                      inputmode="numeric"
                      .defaultValue=${reminders
                        .filter((minutes) => !REMINDER_CHOICES.some((c) => c.minutes === minutes))
                        .join(', ')}
                    />
                  </label>
                </fieldset>
                <label
                  >Calendar
                  <select name="calendarId">
                    ${this.calendars
                      .filter((calendar) => calendar.writable)
                      .map(
                        (calendar) =>
                          html`<option
                            value=${calendar.id}
                            ?selected=${calendar.id === event.calendarId}
                          >
                            ${calendar.name}
                          </option>`,
                      )}
                  </select>
                </label>
                ${recurring ? scopeChoice() : nothing}
                ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
                <div class="actions">
                  ${
                    request!.mode === 'edit'
                      ? html`<button type="button" class="danger" @click=${this.onDelete}>
                          Delete
                        </button>`
                      : nothing
                  }
                  <button type="button" @click=${() => this.close()}>Cancel</button>
                  <button type="submit" class="primary" ?disabled=${details === 'loading'}>
                    Save
                  </button>
                </div>
              </form>`
          : nothing
      }
    </dialog>`;
  }

  private renderTimes(event: EventInput | Occurrence) {
    if (this.allDay) {
      const start = event.allDay ? event.start : Math.floor(event.start / DAY_MS) * DAY_MS;
      const end = event.allDay ? event.end - DAY_MS : start;
      return html`<label
          >Starts <input type="date" name="startDate" required .defaultValue=${toDateInput(start)}
        /></label>
        <label
          >Ends
          <input
            type="date"
            name="endDate"
            required
            .defaultValue=${toDateInput(Math.max(start, end))}
        /></label>`;
    }
    return html`<label
        >Starts
        <input
          type="datetime-local"
          name="start"
          required
          .defaultValue=${toDateTimeInput(event.start, event.timeZone)}
      /></label>
      <label
        >Ends
        <input
          type="datetime-local"
          name="end"
          required
          .defaultValue=${toDateTimeInput(event.end, event.timeZone)}
      /></label>`;
  }

  private readForm(): { input: EventInput; scope: EditScope } | { problem: string } {
    const form = new FormData(this.renderRoot.querySelector('form')!);
    const text = (name: string) => String(form.get(name) ?? '');
    const timeZone = text('timeZone');
    const allDay = form.get('allDay') !== null;
    const start = allDay
      ? fromDateInput(text('startDate'))
      : fromDateTimeInput(text('start'), timeZone);
    const endValue = allDay
      ? fromDateInput(text('endDate'))
      : fromDateTimeInput(text('end'), timeZone);
    if (start === undefined || endValue === undefined)
      return { problem: 'Enter a start and an end.' };
    const end = allDay ? endValue + DAY_MS : endValue;
    if (end < start) return { problem: 'The end must not be before the start.' };
    const preset = RECURRENCE_PRESETS.find((candidate) => candidate.id === text('preset'));
    const rrule = preset?.id === 'custom' ? text('rrule').trim() : preset?.rrule;
    if (rrule) {
      const parsed = parseRrule(rrule);
      if ('error' in parsed) return { problem: `Repeat rule: ${parsed.error}` };
    }
    const title = text('title').trim();
    if ([...title].length > FIELD_LIMITS.titleMaxChars) {
      return { problem: `The title may have at most ${FIELD_LIMITS.titleMaxChars} characters.` };
    }
    const extra = readExtraFields({
      location: text('location'),
      description: text('description'),
      color: form.get('ownColor') === null ? '' : text('color'),
      otherReminders: text('otherReminders'),
      chosenReminders: form.getAll('reminder').map(Number),
    });
    if ('problem' in extra) return extra;
    return {
      input: {
        ...(typeof this.details === 'string' ? {} : extra),
        title,
        calendarId: text('calendarId'),
        start,
        end,
        allDay,
        timeZone,
        rrule: rrule || undefined,
      },
      scope: chosenScope(this.renderRoot.querySelector('form')!, 'all'),
    };
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    if (this.details === 'loading') return;
    const result = this.readForm();
    if ('problem' in result) {
      this.problem = result.problem;
      return;
    }
    const occurrence = this.request?.mode === 'edit' ? this.request.occurrence : undefined;
    this.dispatchEvent(
      new CustomEvent('icp-dialog-save', {
        detail: { ...result, occurrence },
        bubbles: true,
      }),
    );
    this.close();
  }

  private onDelete(): void {
    if (this.request?.mode !== 'edit') return;
    const scope = chosenScope(this.renderRoot.querySelector('form')!, 'all');
    this.dispatchEvent(
      new CustomEvent('icp-dialog-delete', {
        detail: { occurrence: this.request.occurrence, scope },
        bubbles: true,
      }),
    );
    this.close();
  }
}

/** `#rgb` as `#rrggbb`, the only form a colour input takes. */
function longColour(colour: string): string {
  return /^#[0-9a-f]{3}$/i.test(colour)
    ? `#${[...colour.slice(1)].map((c) => c + c).join('')}`
    : colour;
}

/** The focused element, looking through open shadow roots. */
export function deepActiveElement(): HTMLElement | undefined {
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : undefined;
}

if (!customElements.get('icp-event-dialog'))
  customElements.define('icp-event-dialog', IcpEventDialog);
