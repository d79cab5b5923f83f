import { describe, expect, it } from 'vitest';

import { minifyTemplates } from './minify-templates.ts';

describe('minifyTemplates', () => {
  it("squeezes Lit's css and html template text and leaves everything else alone", () => {
    const source = [
      'const styles = css`',
      '  /* the grid */',
      '  :host {',
      '    display: block;',
      '  }',
      '  a > b, c { color: ${token}; }',
      '  a :hover, b::before { margin: 0 }',
      '  @media (max-width: 600px) { b { gap: 1px; } }',
      '`;',
      'const view = html`',
      '  <ul class="list">',
      '    ${items.map((item) => html`<li>',
      '      ${item}',
      '    </li>`)}',
      '  </ul>`;',
      'const other = `keep  \n  this`;',
    ].join('\n');
    expect(minifyTemplates(source)).toBe(
      [
        // A space before a colon stays: `a :hover` (any hovered element in an a) is not `a:hover`.
        'const styles = css` :host{display:block}a>b,c{color:${token}}a :hover,b::before{margin:0}@media (max-width:600px){b{gap:1px}}`;',
        'const view = html` <ul class="list"> ${items.map((item) => html`<li> ${item} </li>`)} </ul>`;',
        'const other = `keep  \n  this`;',
      ].join('\n'),
    );
  });
});
