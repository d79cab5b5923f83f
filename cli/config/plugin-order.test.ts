import { describe, expect, it } from 'vitest';

import { explainPluginOrder, orderPlugins } from './plugin-order.ts';

describe('orderPlugins', () => {
  it('puts dependencies first and otherwise keeps YAML order', () => {
    const result = orderPlugins([
      { name: 'backup', dependsOn: ['auth', 'metrics'] },
      { name: 'limits', dependsOn: [] },
      { name: 'metrics', dependsOn: ['auth'] },
      { name: 'auth', dependsOn: [] },
    ]);
    expect(result.order).toEqual(['limits', 'auth', 'metrics', 'backup']);
    expect(result.missing).toEqual([]);
    expect(result.cycles).toEqual([]);
  });

  it('keeps YAML order exactly when nothing depends on anything', () => {
    const names = ['c', 'a', 'b'];
    expect(orderPlugins(names.map((name) => ({ name, dependsOn: [] }))).order).toEqual(names);
  });

  it('lists missing dependencies and cycles, and still returns every plugin', () => {
    const result = orderPlugins([
      { name: 'a', dependsOn: ['b'] },
      { name: 'b', dependsOn: ['c'] },
      { name: 'c', dependsOn: ['a'] },
      { name: 'd', dependsOn: ['ghost'] },
    ]);
    expect(result.missing).toEqual([{ plugin: 'd', dependency: 'ghost' }]);
    expect(result.cycles).toEqual([['a', 'b', 'c', 'a']]);
    expect([...result.order].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(result.order[0]).toBe('d');
  });

  it('prints the order with the reason for each place', () => {
    const text = explainPluginOrder('tasks', [
      { name: 'backup', dependsOn: ['auth'] },
      { name: 'auth', dependsOn: [] },
    ]);
    expect(text).toBe(
      'tasks: plugin setup order\n  1. auth  (YAML order)\n  2. backup  (after auth)',
    );
  });
});
