import { css, unsafeCSS } from 'lit';

const LIGHT = {
  bg: '#ffffff',
  fg: '#1f2937',
  muted: '#6b7280',
  border: '#d1d5db',
  accent: '#1d4ed8',
  today: '#eff6ff',
  'event-bg': '#1d4ed8',
  'event-fg': '#ffffff',
  focus: '#b45309',
  danger: '#b91c1c',
  surface: '#ffffff',
};
const DARK: typeof LIGHT = {
  bg: '#111827',
  fg: '#f3f4f6',
  muted: '#9ca3af',
  border: '#4b5563',
  accent: '#93c5fd',
  today: '#1e3a8a',
  'event-bg': '#1e40af',
  'event-fg': '#ffffff',
  focus: '#fbbf24',
  danger: '#fca5a5',
  surface: '#1f2937',
};
/** Public name of each token: `--icp-calendar-<name>` overrides `--_<key>`. */
const PUBLIC_NAMES: Record<keyof typeof LIGHT, string> = {
  bg: 'background',
  fg: 'foreground',
  muted: 'muted',
  border: 'border',
  accent: 'accent',
  today: 'today-background',
  'event-bg': 'event-background',
  'event-fg': 'event-foreground',
  focus: 'focus-ring',
  danger: 'danger',
  surface: 'surface',
};

/** Every `--icp-calendar-*` colour property the element reads (its sizes are read by name below). */
export const COLOUR_PROPERTIES = Object.values(PUBLIC_NAMES).map(
  (name) => `--icp-calendar-${name}`,
);

function palette(colours: typeof LIGHT, scheme: 'light' | 'dark') {
  const lines = Object.entries(colours).map(
    ([key, value]) =>
      `--_${key}: var(--icp-calendar-${PUBLIC_NAMES[key as keyof typeof LIGHT]}, ${value});`,
  );
  return unsafeCSS(`color-scheme: ${scheme}; ${lines.join(' ')}`);
}

/**
 * Theme tokens, declared once on `<icp-calendar>`: its parts inherit them through their shadow roots, so
 * `theme="dark"` (or `auto` in a dark scheme) reaches the toolbar, grids, agenda, dialogs and sign-in.
 * Hosts other than `<icp-calendar>` that include this sheet get nothing from it.
 */
export const themeTokens = css`
  :host(icp-calendar) {
    ${palette(LIGHT, 'light')}
    --_radius: var(--icp-calendar-radius, 4px);
    --_font: var(--icp-calendar-font, system-ui, sans-serif);
    --_row: var(--icp-calendar-event-height, 20px);
    --_hour: var(--icp-calendar-hour-height, 48px);
  }
  :host(icp-calendar[theme='dark']) {
    ${palette(DARK, 'dark')}
  }
  @media (prefers-color-scheme: dark) {
    :host(icp-calendar[theme='auto']) {
      ${palette(DARK, 'dark')}
    }
  }
`;

/** What every part shares; the colours come from the tokens `<icp-calendar>` declares. */
export const baseStyles = css`
  :host {
    font-family: var(--_font);
    color: var(--_fg);
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
