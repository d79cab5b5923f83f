import { readFile } from 'node:fs/promises';

import { describe, expect, it } from 'vitest';

import {
  BINDINGS_PATHS,
  canisterCandid,
  CLIENT_BINDINGS_PATHS,
  renderCanisterBindings,
} from './generate-bindings.ts';

const expectedMethod = {
  calendar: 'list_public_events',
  load_balancer: 'route',
  notification: 'unread_count',
} as const;

describe('the client bindings shipped with the widget', () => {
  for (const name of ['calendar', 'load_balancer', 'notification'] as const) {
    it(`equal what the ${name} canister's current .did renders (else run generate-bindings.ts)`, async () => {
      const committed = await readFile(BINDINGS_PATHS[name], 'utf8');
      const current = renderCanisterBindings(name, await canisterCandid(name));
      expect(current).toContain(`"${expectedMethod[name]}": IDL.Func(`);
      expect(
        committed,
        `${BINDINGS_PATHS[name]} is stale: run \`npx tsx web-components/client/generate-bindings.ts\``,
      ).toBe(current);
    });

    it(`the widget's ${name} client bindings hold only the client methods of the current .did`, async () => {
      const committed = await readFile(CLIENT_BINDINGS_PATHS[name], 'utf8');
      const current = renderCanisterBindings(name, await canisterCandid(name), true);
      expect(current).toContain(`"${expectedMethod[name]}": IDL.Func(`);
      expect(current).not.toContain('"health_check": IDL.Func(');
      expect(
        committed,
        `${CLIENT_BINDINGS_PATHS[name]} is stale: run \`npx tsx web-components/client/generate-bindings.ts\``,
      ).toBe(current);
    });
  }
});
