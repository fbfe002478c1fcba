import { describe, expect, it } from 'vitest';
import { scopeFilterLabels } from './scope-filters.ts';

describe('enterprise scope filters', () => {
  it('names the filters a cockpit link brings, the union first', () => {
    expect(scopeFilterLabels({ orgId: '118', target: 'true', covered: 'false' })).toEqual([
      { key: 'orgId', label: 'enterprises.scope.org' },
      { key: 'target', label: 'enterprises.scope.target' },
      { key: 'covered', label: 'enterprises.scope.uncovered' },
    ]);
    expect(scopeFilterLabels({ target: 'false', covered: 'true' }).map((l) => l.label)).toEqual(['enterprises.scope.notTarget', 'enterprises.scope.covered']);
    expect(scopeFilterLabels({})).toEqual([]);
  });
});
