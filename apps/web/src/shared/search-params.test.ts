import { describe, expect, it } from 'vitest';
import { pagePatch, patchParams, sortFromParams, sortPatch } from './search-params.ts';

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

  it('reads only the sort keys a list offers, asc unless desc', () => {
    const keys = ['name', 'employeeCount'] as const;
    expect(sortFromParams(new URLSearchParams('sort=name&order=desc'), keys)).toEqual({ sort: 'name', order: 'desc' });
    expect(sortFromParams(new URLSearchParams('sort=employeeCount&order=sideways'), keys)).toEqual({ sort: 'employeeCount', order: 'asc' });
    expect(sortFromParams(new URLSearchParams('sort=dueOn&order=desc'), keys)).toEqual({});
    expect(sortFromParams(new URLSearchParams('order=desc'), keys)).toEqual({});
  });

  it('starts a new sort at page 1 and clears both keys for the default order', () => {
    const url = new URLSearchParams('q=x&page=4&sort=name&order=desc');
    expect(patchParams(url, sortPatch({ sort: 'employeeCount', order: 'desc' })).toString()).toBe('q=x&sort=employeeCount&order=desc');
    expect(patchParams(url, sortPatch({ sort: 'name', order: 'asc' })).toString()).toBe('q=x&sort=name');
    expect(patchParams(url, sortPatch({})).toString()).toBe('q=x');
  });
});
