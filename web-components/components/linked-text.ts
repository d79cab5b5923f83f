import { html, type TemplateResult } from 'lit';

// Only http(s) addresses become links; anything else (javascript:, data:, mailto:) stays plain text.
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]]+$/;

/**
 * Plain text with its web addresses made into safe links (new tab, no opener, no referrer). Text is never
 * parsed as HTML: every piece goes through Lit's text bindings.
 */
export function linkedText(text: string): (string | TemplateResult)[] {
  const parts: (string | TemplateResult)[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = match[0].replace(TRAILING, '');
    const at = match.index;
    if (at > last) parts.push(text.slice(last, at));
    parts.push(html`<a href=${url} target="_blank" rel="noopener noreferrer nofollow">${url}</a>`);
    last = at + url.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
