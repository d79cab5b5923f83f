/** WCAG 2 contrast between colours given as #rgb or #rrggbb (anything else counts as unreadable). */
export function contrastRatio(first: string, second: string): number {
  const a = luminance(first);
  const b = luminance(second);
  if (a === undefined || b === undefined) return 1;
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}

function luminance(colour: string): number | undefined {
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())?.[1];
  if (!hex) return undefined;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  const [r, g, b] = [0, 2, 4].map((at) => {
    const channel = parseInt(full.slice(at, at + 2), 16) / 255;
    return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

const LIGHT_TEXT = '#ffffff';
const DARK_TEXT = '#111827';
const chosen = new Map<string, string>();

/** White or near-black, whichever reads better on `background` (cached: chips ask for it per render). */
export function readableText(background: string): string {
  let text = chosen.get(background);
  if (text === undefined) {
    text =
      contrastRatio(background, LIGHT_TEXT) >= contrastRatio(background, DARK_TEXT)
        ? LIGHT_TEXT
        : DARK_TEXT;
    chosen.set(background, text);
  }
  return text;
}

/** Inline style of an event chip: its own colour, else its calendar's, with text that stays readable. */
export function chipColours(colour: string | undefined): string {
  return colour ? `background:${colour};color:${readableText(colour)}` : '';
}
