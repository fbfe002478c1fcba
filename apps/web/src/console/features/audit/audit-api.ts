import type { AuditEntry, auditSortKeys, Paged } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';
import type { ListSort } from '../../../shared/search-params.ts';

export interface AuditQuery extends ListSort<(typeof auditSortKeys)[number]> {
  action?: string;
  objectType?: string;
  page: number;
  pageSize: number;
}

export function fetchAudit(query: AuditQuery, signal?: AbortSignal): Promise<Paged<AuditEntry>> {
  return api.get<Paged<AuditEntry>>('/api/audit', { ...query }, signal);
}
