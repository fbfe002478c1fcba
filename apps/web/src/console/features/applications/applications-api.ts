import type { ApplicationItem, applicationSortKeys, ApplicationStatus, Paged } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';
import type { ListSort } from '../../../shared/search-params.ts';

export interface ApplicationQuery extends ListSort<(typeof applicationSortKeys)[number]> {
  status: ApplicationStatus;
  page: number;
  pageSize: number;
}

export function fetchApplications(query: ApplicationQuery, signal?: AbortSignal): Promise<Paged<ApplicationItem>> {
  return api.get<Paged<ApplicationItem>>('/api/applications', { ...query }, signal);
}

export function approveApplication(id: number): Promise<ApplicationItem> {
  return api.post<ApplicationItem>(`/api/applications/${id}/approve`);
}

export function rejectApplication(id: number, reason: string): Promise<ApplicationItem> {
  return api.post<ApplicationItem>(`/api/applications/${id}/reject`, { reason });
}
