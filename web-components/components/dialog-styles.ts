import { css } from 'lit';

/** The look of the widget's modal dialogs (the event dialog and the question a drag asks). */
export const dialogStyles = css`
  dialog {
    background: var(--_surface);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: 8px;
    padding: 16px;
    width: min(28rem, 92vw);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
  h2 {
    margin: 0 0 12px;
    font-size: 1.1rem;
  }
  form {
    display: grid;
    gap: 10px;
  }
  label {
    display: grid;
    gap: 2px;
    font-size: 0.85rem;
  }
  label.inline {
    display: flex;
    align-items: center;
    gap: 6px;
  }
  input,
  select,
  textarea {
    font: inherit;
    padding: 4px;
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  textarea {
    resize: vertical;
  }
  .colour {
    display: flex;
    align-items: center;
    gap: 8px;
  }
  input[type='color'] {
    padding: 0 2px;
    min-height: 28px;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    display: grid;
    gap: 4px;
  }
  .actions {
    display: flex;
    gap: 8px;
    justify-content: flex-end;
  }
  .actions button {
    padding: 6px 12px;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    cursor: pointer;
  }
  .actions .primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_bg);
  }
  .actions .danger {
    margin-inline-end: auto;
    color: var(--_danger);
  }
  .problem {
    color: var(--_danger);
    font-size: 0.85rem;
  }
`;
