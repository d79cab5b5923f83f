import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { buildWithAzle } from './azle-build.ts';
import { fixturesRoot, generatedDir, repoRoot, writeGeneratedFixture } from './generate-entry-fixtures.ts';

// Two real Azle builds (~7-16 s each, cached by content hash): the generated code compiles
// and the Candid interface lists domain, plugin and generated endpoints.
async function build(name: string): Promise<string> {
  await writeGeneratedFixture(name);
  const built = await buildWithAzle({
    name,
    root: fixturesRoot,
    sourceDirs: [join(repoRoot, 'core'), generatedDir(name)],
  });
  return readFile(built.candidPath, 'utf8');
}

describe('generated entries build with Azle', () => {
  it('a plugin composition: domain and plugin endpoints share one service', async () => {
    const did = await build('greeter');
    expect(did).toMatch(/greet\s*:\s*\(text\)\s*->\s*\(text\)\s*query/);
    expect(did).toMatch(/whoami\s*:\s*\(\)\s*->\s*\(variant \{Ok:text; Err:record \{code:text; message:text\}\}\)/);
    expect(did).toMatch(/add_note\s*:\s*\(text\)\s*->\s*\(variant \{Ok:nat64;/);
    expect(did).toMatch(/my_notes\s*:\s*\(\)\s*->\s*\(vec text\)\s*query/);
    expect(did).toMatch(/note_count\s*:\s*\(\)\s*->\s*\(nat32\)\s*query/);
  });

  it('a YAML-only type: typed CRUD and list-by-index endpoints', async () => {
    const did = await build('tasks');
    // Candid orders record fields by the hash of their names.
    const record =
      'record {id:nat64; due:opt nat64; title:text; updated_at:nat64; owner:principal; done:bool; created_at:nat64; priority:nat}';
    expect(did).toContain(`create_task: (record {due:opt nat64; title:text; done:bool; priority:nat}) -> (variant {Ok:${record}; Err:record {code:text; message:text}});`);
    expect(did).toMatch(/get_task: \(nat64\) -> \(variant \{Ok:record \{.*\}\}\) query;/);
    expect(did).toMatch(/update_task: \(nat64, record \{.*\}\) -> \(variant/);
    expect(did).toMatch(/delete_task: \(nat64\) -> \(variant/);
    expect(did).toMatch(/list_task_mine: \(opt nat64, opt nat32\) -> \(variant \{Ok:record \{next:opt nat64; items:vec record/);
    expect(did).toMatch(/list_task_by_done: \(bool, opt nat64, opt nat32\) -> \(variant/);
  });
});
