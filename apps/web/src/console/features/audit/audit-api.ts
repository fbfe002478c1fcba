import type { AuditEntry } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

export interface AuditQuery {
  action?: string;
  objectType?: string;
  page: number;
  pageSize: number;
}

export function fetchAudit(query: AuditQuery, signal?: AbortSignal): Promise<{ items: AuditEntry[]; total: number }> {
  return api.get<{ items: AuditEntry[]; total: number }>('/api/audit', { ...query }, signal);
}
