import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

import { writeFileAtomically } from '../localnet/state-dir.ts';

/** dfx's canister_ids.json: `{ "<name>": { "<network>": "<id>" } }`. */
export type CanisterIdsFile = Record<string, Record<string, string>>;

export async function readCanisterIds(file: string): Promise<CanisterIdsFile> {
  if (!existsSync(file)) return {};
  return JSON.parse(await readFile(file, 'utf8')) as CanisterIdsFile;
}

export async function writeCanisterIds(file: string, ids: CanisterIdsFile): Promise<void> {
  await writeFileAtomically(file, `${JSON.stringify(ids, null, 2)}\n`);
}
