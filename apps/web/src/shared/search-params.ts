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
