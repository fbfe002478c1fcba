import type { ApplicationItem, ApplicationStatus } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

export interface ApplicationQuery {
  status: ApplicationStatus;
  page: number;
  pageSize: number;
}

export function fetchApplications(query: ApplicationQuery, signal?: AbortSignal): Promise<{ items: ApplicationItem[]; total: number }> {
  return api.get<{ items: ApplicationItem[]; total: number }>('/api/applications', { ...query }, signal);
}

export function approveApplication(id: number): Promise<ApplicationItem> {
  return api.post<ApplicationItem>(`/api/applications/${id}/approve`);
}

export function rejectApplication(id: number, reason: string): Promise<ApplicationItem> {
  return api.post<ApplicationItem>(`/api/applications/${id}/reject`, { reason });
}
