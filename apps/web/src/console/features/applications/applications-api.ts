import type { ApplicationItem, applicationSortKeys, ApplicationStatus, Paged } from '@lianxin/contracts';
import { api, buildUrl } from '../../../shared/api-client.ts';
import type { ListSort } from '../../../shared/search-params.ts';

export interface ApplicationQuery extends ListSort<(typeof applicationSortKeys)[number]> {
  status: ApplicationStatus;
  /** part of the applicant's name, or the start of the reference */
  q?: string;
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

/** The xlsx export of exactly what the queue shows: status, search and sort — not the page. */
export function applicationExportUrl(query: ApplicationQuery): string {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return buildUrl('/api/applications/export.xlsx', { ...rest });
}
