import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));

/** Source files of the widget (not tests, not generated bindings, not the build output). */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      return ['dist', 'generated', 'node_modules', '.azle'].includes(entry.name)
        ? []
        : sources(path);
    }
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the widget error codes', () => {
  it('are exactly the codes of the README table', () => {
    const raised = new Set<string>();
    for (const file of sources(here)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bcode: '([A-Z][A-Z_]+)'/g)) {
        raised.add(match[1]!);
      }
    }
    const readme = readFileSync(join(here, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Error codes'), readme.indexOf('## Parts'));
    const documented = [...section.matchAll(/^\| `([A-Z_]+)`/gm)].map((match) => match[1]!);
    expect([...raised].sort(), `codes raised in ${relative(process.cwd(), here)}`).toEqual(
      [...documented].sort(),
    );
  });
});
