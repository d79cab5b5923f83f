import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

import { addCanisterToSystemYaml } from './add-to-system-yaml.ts';

const SYSTEM = `# Topology.
version: 1
groups:
  app:
    description: A long description that a YAML printer with an eighty column limit would fold onto a second line.
canisters:
  registry: { group: system }   # keep this comment
  calendar: {group: app, shards: 1}

# Recurring calls
schedules: {}
`;

describe('addCanisterToSystemYaml', () => {
  it('inserts one line after the last canister and leaves every other line as it was', () => {
    const updated = addCanisterToSystemYaml(SYSTEM, 'notes', 'app');
    const before = SYSTEM.split('\n');
    const after = updated.split('\n');
    expect(after).toHaveLength(before.length + 1);
    const inserted = after.findIndex((line, index) => line !== before[index]);
    expect(after[inserted]).toBe('  notes: { group: app }');
    expect([...after.slice(0, inserted), ...after.slice(inserted + 1)]).toEqual(before);
    expect(inserted).toBe(before.indexOf('  calendar: {group: app, shards: 1}') + 1);
    expect(parse(updated).canisters.notes).toEqual({ group: 'app' });
  });

  it('writes an empty entry when no group is given', () => {
    expect(parse(addCanisterToSystemYaml(SYSTEM, 'notes')).canisters.notes).toEqual({});
  });

  it('still adds to a flow-style or empty map, keeping long lines unfolded', () => {
    const flow = SYSTEM.replace(/canisters:\n(  .*\n)+/, 'canisters: {}\n');
    const updated = parse(addCanisterToSystemYaml(flow, 'notes', 'app'));
    expect(updated.canisters).toEqual({ notes: { group: 'app' } });
    expect(addCanisterToSystemYaml(flow, 'notes')).toContain('would fold onto a second line.');
  });
});
