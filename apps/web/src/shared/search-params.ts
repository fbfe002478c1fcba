/** A copy of `params` with each key of `patch` set, or removed when its value is empty: list state lives in the URL. */
export function patchParams(params: URLSearchParams, patch: Readonly<Record<string, string | number | null | undefined>>): URLSearchParams {
  const next = new URLSearchParams(params);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined || value === null || value === '') next.delete(key);
    else next.set(key, String(value));
  }
  return next;
}

/** The URL patch for a pager change: a new page size starts again at page 1; the default size stays out of the URL. */
export function pagePatch(page: number, pageSize: number, current: { pageSize: number; defaultPageSize: number }) {
  return {
    page: String(pageSize === current.pageSize ? page : 1),
    pageSize: pageSize === current.defaultPageSize ? undefined : String(pageSize),
  };
}

/** A list's sort as the API takes it: a key of the list's own, and a direction (asc when absent). */
export interface ListSort<K extends string> {
  sort?: K;
  order?: 'asc' | 'desc';
}

/** The sort kept in the URL (`sort`, `order`), if `sort` is one of the list's `keys`; a stale or edited key is dropped. */
export function sortFromParams<K extends string>(params: URLSearchParams, keys: readonly K[]): ListSort<K> {
  const sort = params.get('sort');
  if (sort === null || !(keys as readonly string[]).includes(sort)) return {};
  return { sort: sort as K, order: params.get('order') === 'desc' ? 'desc' : 'asc' };
}

/** The URL patch for a new sort: back to page 1; no sort (the list's default order) clears both keys; asc stays implicit. */
export function sortPatch(next: { sort?: string; order?: 'asc' | 'desc' }) {
  return { sort: next.sort, order: next.sort && next.order === 'desc' ? 'desc' : undefined, page: undefined };
}
