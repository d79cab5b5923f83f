import { LitElement, html, nothing } from 'lit';

import type { EditScope } from '../client/calendar-source.ts';
import { dialogStyles } from './dialog-styles.ts';
import { deepActiveElement } from './icp-event-dialog.ts';
import { chosenScope, scopeChoice } from './scope-choice.ts';
import { baseStyles } from './shared-styles.ts';

/**
 * The question a drag of one occurrence of a repeating event asks: this / this and following / all, on a
 * native modal <dialog> (Escape or Cancel answers "none"). Focus returns to where it was when asked.
 */
export class IcpScopeDialog extends LitElement {
  static properties = { question: { state: true } };
  declare question: string | undefined;
  private answer: ((scope: EditScope | undefined) => void) | undefined;
  private returnFocusTo: HTMLElement | undefined;

  constructor() {
    super();
    this.question = undefined;
  }

  static styles = [baseStyles, dialogStyles];

  /** Asks `question`; resolves with the chosen scope, or undefined when cancelled. */
  ask(question: string): Promise<EditScope | undefined> {
    this.answer?.(undefined);
    this.returnFocusTo = deepActiveElement();
    this.question = question;
    return new Promise((resolve) => {
      this.answer = resolve;
      void this.updateComplete.then(() => {
        const dialog = this.renderRoot.querySelector('dialog')!;
        dialog.querySelector('form')?.reset();
        if (!dialog.open) dialog.showModal();
        dialog.querySelector<HTMLInputElement>('input[name="scope"]:checked')?.focus();
      });
    });
  }

  get isOpen(): boolean {
    return this.renderRoot.querySelector('dialog')?.open ?? false;
  }

  protected override render() {
    return html`<dialog
      part="dialog"
      aria-labelledby="scope-title"
      aria-describedby="scope-question"
      @close=${this.onClosed}
    >
      ${
        this.question === undefined
          ? nothing
          : html`<h2 id="scope-title">Change a repeating event</h2>
              <p id="scope-question">${this.question}</p>
              <form method="dialog" @submit=${this.onSubmit}>
                ${scopeChoice()}
                <div class="actions">
                  <button type="button" @click=${() => this.finish(undefined)}>Cancel</button>
                  <button type="submit" class="primary">Save</button>
                </div>
              </form>`
      }
    </dialog>`;
  }

  private onSubmit(event: Event): void {
    event.preventDefault();
    this.finish(chosenScope(event.target as HTMLFormElement, 'this'));
  }

  private finish(scope: EditScope | undefined): void {
    const answer = this.answer;
    this.answer = undefined;
    answer?.(scope);
    const dialog = this.renderRoot.querySelector('dialog');
    if (dialog?.open) dialog.close();
  }

  /** Escape and close() both end here; an unanswered question counts as cancelled. */
  private onClosed(): void {
    this.answer?.(undefined);
    this.answer = undefined;
    this.question = undefined;
    this.returnFocusTo?.focus();
    this.returnFocusTo = undefined;
  }
}

if (!customElements.get('icp-scope-dialog'))
  customElements.define('icp-scope-dialog', IcpScopeDialog);
