import type { Enterprise, EnterpriseCreate, EnterpriseListResponse, enterpriseSortKeys, EnterpriseUpdate } from '@lianxin/contracts';
import { api, buildUrl, type QueryValue } from '../../../shared/api-client.ts';
import type { ListSort } from '../../../shared/search-params.ts';

export type EnterpriseSortKey = (typeof enterpriseSortKeys)[number];

export interface EnterpriseFilters extends ListSort<EnterpriseSortKey> {
  q?: string;
  regionCode?: string;
  unionStatus?: string;
  industry?: string;
  sizeBand?: string;
  dualReal?: string;
  /** a union's subtree (the cockpit links here) */
  orgId?: string;
  /** 'true' | 'false': 建会目标企业 or not */
  target?: string;
  /** 'true' | 'false': with a union (own or covered) or without */
  covered?: string;
  page: number;
  pageSize: number;
}

export function fetchEnterprises(filters: EnterpriseFilters, signal?: AbortSignal): Promise<EnterpriseListResponse> {
  return api.get<EnterpriseListResponse>('/api/enterprises', filters as unknown as Record<string, QueryValue>, signal);
}

export function fetchEnterprise(id: number, signal?: AbortSignal): Promise<Enterprise> {
  return api.get<Enterprise>(`/api/enterprises/${id}`, undefined, signal);
}

export function createEnterprise(body: EnterpriseCreate): Promise<Enterprise> {
  return api.post<Enterprise>('/api/enterprises', body);
}

export function updateEnterprise(id: number, body: EnterpriseUpdate): Promise<Enterprise> {
  return api.patch<Enterprise>(`/api/enterprises/${id}`, body);
}

/** The xlsx export of exactly what the list shows: every filter, the search and the sort — not the page. */
export function enterpriseExportUrl(filters: EnterpriseFilters): string {
  const { page: _page, pageSize: _pageSize, ...query } = filters;
  return buildUrl('/api/enterprises/export.xlsx', query as Record<string, QueryValue>);
}
