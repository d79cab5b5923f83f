import { css } from 'lit';

/** Theme tokens: every colour and size a host page may override through CSS custom properties. */
export const themeTokens = css`
  :host {
    --_bg: var(--icp-calendar-background, #ffffff);
    --_fg: var(--icp-calendar-foreground, #1f2937);
    --_muted: var(--icp-calendar-muted, #6b7280);
    --_border: var(--icp-calendar-border, #d1d5db);
    --_accent: var(--icp-calendar-accent, #1d4ed8);
    --_today: var(--icp-calendar-today-background, #eff6ff);
    --_event-bg: var(--icp-calendar-event-background, #1d4ed8);
    --_event-fg: var(--icp-calendar-event-foreground, #ffffff);
    --_focus: var(--icp-calendar-focus-ring, #b45309);
    --_radius: var(--icp-calendar-radius, 4px);
    --_font: var(--icp-calendar-font, system-ui, sans-serif);
    --_row: var(--icp-calendar-event-height, 20px);
    --_hour: var(--icp-calendar-hour-height, 48px);
  }
  :host([theme='dark']) {
    --_bg: var(--icp-calendar-background, #111827);
    --_fg: var(--icp-calendar-foreground, #f3f4f6);
    --_muted: var(--icp-calendar-muted, #9ca3af);
    --_border: var(--icp-calendar-border, #374151);
    --_accent: var(--icp-calendar-accent, #93c5fd);
    --_today: var(--icp-calendar-today-background, #1e3a8a);
    --_event-bg: var(--icp-calendar-event-background, #1e40af);
    --_focus: var(--icp-calendar-focus-ring, #fbbf24);
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      --_bg: var(--icp-calendar-background, #111827);
      --_fg: var(--icp-calendar-foreground, #f3f4f6);
      --_muted: var(--icp-calendar-muted, #9ca3af);
      --_border: var(--icp-calendar-border, #374151);
      --_accent: var(--icp-calendar-accent, #93c5fd);
      --_today: var(--icp-calendar-today-background, #1e3a8a);
      --_event-bg: var(--icp-calendar-event-background, #1e40af);
      --_focus: var(--icp-calendar-focus-ring, #fbbf24);
    }
  }
`;

export const baseStyles = css`
  :host {
    font-family: var(--_font);
    color: var(--_fg);
    background: var(--_bg);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 3px solid var(--_focus);
    outline-offset: -2px;
  }
  button {
    font: inherit;
    color: inherit;
  }
  .event {
    display: block;
    border: 0;
    border-radius: var(--_radius);
    background: var(--_event-bg);
    color: var(--_event-fg);
    font-size: 0.75rem;
    line-height: var(--_row);
    padding: 0 4px;
    text-align: start;
    white-space: nowrap;
    overflow: hidden;
    text-overflow: ellipsis;
    cursor: pointer;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      transition: none !important;
      animation: none !important;
    }
  }
`;
