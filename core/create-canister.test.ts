import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

import { buildWithAzle } from '../cli/build/azle-build.ts';

const fixtures = fileURLToPath(new URL('./fixtures', import.meta.url));

describe('createCanister at build time', () => {
  it('fails `azle build` when an endpoint declares no @allow, naming the method', async () => {
    await expect(
      buildWithAzle({
        name: 'missing-access',
        root: fixtures,
        sourceDirs: [fileURLToPath(new URL('.', import.meta.url))],
      }),
    ).rejects.toThrow(
      /CORE_COMPOSITION: canister 'missing-access': every endpoint needs @allow\(\.\.\.\); missing on Leaky\.forgotten/,
    );
  });
});
