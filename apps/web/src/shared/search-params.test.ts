import { describe, expect, it } from 'vitest';
import { pagePatch, patchParams } from './search-params.ts';

describe('URL list state', () => {
  it('sets, replaces and removes keys without touching the others', () => {
    const next = patchParams(new URLSearchParams('q=abc&page=3&tab=x'), { q: 'def', page: undefined, orgId: 12, tab: '' });
    expect(next.toString()).toBe('q=def&orgId=12');
  });

  it('starts again at page 1 when the page size changes, and keeps the default size out of the URL', () => {
    expect(pagePatch(4, 20, { pageSize: 20, defaultPageSize: 20 })).toEqual({ page: '4', pageSize: undefined });
    expect(pagePatch(4, 50, { pageSize: 20, defaultPageSize: 20 })).toEqual({ page: '1', pageSize: '50' });
    expect(pagePatch(2, 50, { pageSize: 50, defaultPageSize: 20 })).toEqual({ page: '2', pageSize: '50' });
  });
});
