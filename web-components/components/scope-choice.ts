import { html } from 'lit';

import type { EditScope } from '../client/calendar-source.ts';

const CHOICES: { scope: EditScope; label: string }[] = [
  { scope: 'this', label: 'This event' },
  { scope: 'following', label: 'This and following events' },
  { scope: 'all', label: 'All events' },
];

/**
 * The "apply to" question for a change of one occurrence of a repeating event: radios named `scope`, the
 * first ("this") chosen. Used by the event dialog and by the question a drag asks.
 */
export function scopeChoice(legend = 'Apply to') {
  return html`<fieldset>
    <legend>${legend}</legend>
    ${CHOICES.map(
      ({ scope, label }) =>
        html`<label class="inline"
          ><input
            type="radio"
            name="scope"
            value=${scope}
            ?checked=${scope === 'this'}
          />${label}</label
        >`,
    )}
  </fieldset>`;
}

/** The scope chosen in `form`, or `fallback` when the form asks none (a single event). */
export function chosenScope(form: HTMLFormElement, fallback: EditScope): EditScope {
  return (new FormData(form).get('scope') as EditScope | null) ?? fallback;
}
