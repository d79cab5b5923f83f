import { describe, expect, it } from 'vitest';

import { formatStatus } from './format-status.ts';

describe('formatStatus', () => {
  it('prints one aligned row per canister with cycles in T, memory in MiB and failing checks', () => {
    const text = formatStatus([
      {
        name: 'registry',
        id: 'bkyz2-fmaaa-aaaaa-qaaaq-cai',
        state: 'running',
        cycles: 99_876_543_210_000n,
        memoryBytes: 3_145_728n,
        burnPerDay: 41_000_000n,
        moduleHash: 'ab12cd34ef56ab12cd34',
        health: { status: 'healthy', failing: [] },
      },
      {
        name: 'calendar_0',
        id: 'bd3sg-teaaa-aaaaa-qaaba-cai',
        state: 'running',
        cycles: 5_000_000_000n,
        memoryBytes: 0n,
        health: { status: 'degraded', failing: ['last-backup'] },
      },
      { name: 'gone', id: 'aaaaa-aa', problem: 'canister not found' },
    ]);
    const lines = text.split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]!.split(/\s+/)).toEqual([
      'canister',
      'id',
      'state',
      'cycles',
      'burn/day',
      'runway',
      'memory',
      'module',
      'health',
    ]);
    expect(lines[0]!.indexOf('id')).toBe(lines[1]!.indexOf('bkyz2'));
    expect(lines[0]!.indexOf('health')).toBe(lines[2]!.indexOf('degraded'));
    expect(lines[1]).toContain('99.87 T');
    expect(lines[1]).toContain('3.0 MiB');
    expect(lines[1]).toContain('41 M');
    expect(lines[1]).toContain('> 100 y');
    expect(lines[2]!.split(/\s{2,}/)[4]).toBe('-');
    expect(lines[1]).toContain('ab12cd34ef56 ');
    expect(lines[1]!.endsWith('healthy')).toBe(true);
    expect(lines[2]).toContain('0.00 T');
    expect(lines[2]!.endsWith('degraded (failing: last-backup)')).toBe(true);
    expect(lines[3]!.endsWith('error: canister not found')).toBe(true);
    expect(lines.map((line) => line.indexOf('state'))[0]).toBe(lines[1]!.indexOf('running'));
  });
});
