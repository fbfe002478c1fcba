import type { AuditEntry, auditSortKeys, Paged } from '@lianxin/contracts';
import { api, buildUrl } from '../../../shared/api-client.ts';
import type { ListSort } from '../../../shared/search-params.ts';

export interface AuditQuery extends ListSort<(typeof auditSortKeys)[number]> {
  action?: string;
  objectType?: string;
  /** the start of the acting account's name */
  actor?: string;
  /** Asia/Shanghai dates, both included */
  from?: string;
  to?: string;
  page: number;
  pageSize: number;
}

export function fetchAudit(query: AuditQuery, signal?: AbortSignal): Promise<Paged<AuditEntry>> {
  return api.get<Paged<AuditEntry>>('/api/audit', { ...query }, signal);
}

/** The xlsx export of exactly the entries on screen: every filter and the sort — not the page. */
export function auditExportUrl(query: AuditQuery): string {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return buildUrl('/api/audit/export.xlsx', { ...rest });
}
