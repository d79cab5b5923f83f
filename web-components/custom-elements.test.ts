import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

/**
 * The manifest is kept by hand; this test keeps it equal to the code: every element's attributes (from
 * `static properties`) and every event it dispatches (from `new CustomEvent('…')`) must be listed, and
 * nothing else.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
interface Declaration {
  tagName: string;
  attributes: { name: string }[];
  events: { name: string }[];
}
const manifest = JSON.parse(readFileSync(`${here}custom-elements.json`, 'utf8')) as {
  modules: { path: string; declarations: Declaration[] }[];
};

function attributesInSource(source: string): string[] {
  const block = /static properties = \{([\s\S]*?)\n {2}\};/.exec(source)?.[1] ?? '';
  const names: string[] = [];
  for (const match of block.matchAll(/^\s{4}(\w+): \{([^}]*)\}/gm)) {
    const [, property, options] = match;
    if (/attribute: false|state: true/.test(options!)) continue;
    names.push(/attribute: '([\w-]+)'/.exec(options!)?.[1] ?? property!.toLowerCase());
  }
  return names.sort();
}

function eventsInSource(source: string): string[] {
  const names = new Set<string>();
  for (const match of source.matchAll(/(?:CustomEvent\(|dispatch\(|emit\()\s*'([\w-]+)'/g))
    names.add(match[1]!);
  return [...names].sort();
}

describe('custom-elements.json', () => {
  const componentFiles = readdirSync(`${here}components`).filter(
    (file) => /^icp-.*\.ts$/.test(file) && !file.endsWith('.test.ts'),
  );

  it('describes every element defined in components/', () => {
    const tags = componentFiles.map(
      (file) =>
        /customElements\.define\('([\w-]+)'/.exec(
          readFileSync(`${here}components/${file}`, 'utf8'),
        )?.[1],
    );
    expect(manifest.modules.map((module) => module.declarations[0]!.tagName).sort()).toEqual(
      tags.sort(),
    );
  });

  for (const file of componentFiles) {
    it(`lists exactly the attributes and events of ${file}`, () => {
      let source = readFileSync(`${here}components/${file}`, 'utf8');
      // The time grid's drag controller dispatches on its behalf.
      if (file === 'icp-time-grid.ts')
        source += readFileSync(`${here}components/time-drag.ts`, 'utf8');
      // The grids' shared keyboard handler dispatches on their behalf.
      if (source.includes('handleGridKey('))
        source += readFileSync(`${here}a11y/grid-key-handler.ts`, 'utf8');
      const module = manifest.modules.find(
        (candidate) => candidate.path === `web-components/components/${file}`,
      )!;
      const declaration = module.declarations[0]!;
      expect(declaration.attributes.map((a) => a.name).sort()).toEqual(attributesInSource(source));
      expect(declaration.events.map((e) => e.name).sort()).toEqual(eventsInSource(source));
    });
  }
});
