import type { MemberDetail, MemberListItem, memberSortKeys, OrgKind, Paged, TransferItem } from '@lianxin/contracts';
import { api, buildUrl, type QueryValue } from '../../../shared/api-client.ts';
import type { ListSort } from '../../../shared/search-params.ts';

export const MEMBER_FILTER_KEYS = ['q', 'orgId', 'category', 'status', 'joinChannel', 'joinedFrom', 'joinedTo'] as const;
export type MemberFilterKey = (typeof MEMBER_FILTER_KEYS)[number];

export type MemberSortKey = (typeof memberSortKeys)[number];
export type MemberFilters = Partial<Record<MemberFilterKey, string>> & ListSort<MemberSortKey> & { page: number; pageSize: number };

export function fetchMembers(filters: MemberFilters, signal?: AbortSignal): Promise<Paged<MemberListItem>> {
  return api.get<Paged<MemberListItem>>('/api/members', filters as unknown as Record<string, QueryValue>, signal);
}

/** The xlsx export of exactly what the list shows: every filter, the search and the sort — not the page. */
export function exportUrl(filters: MemberFilters): string {
  const { page: _page, pageSize: _pageSize, ...query } = filters;
  return buildUrl('/api/members/export.xlsx', query as Record<string, QueryValue>);
}

export function fetchMember(id: number, signal?: AbortSignal): Promise<MemberDetail> {
  return api.get<MemberDetail>(`/api/members/${id}`, undefined, signal);
}

export function updateMember(id: number, body: Record<string, unknown>): Promise<MemberDetail> {
  return api.patch<MemberDetail>(`/api/members/${id}`, body);
}

export function leaveMember(id: number, reason: string): Promise<unknown> {
  return api.post<unknown>(`/api/members/${id}/leave`, { reason });
}

/** The ID number and phone in clear; the server logs every call. */
export function revealMember(id: number): Promise<{ idNumber: string; phone: string }> {
  return api.post<{ idNumber: string; phone: string }>(`/api/members/${id}/reveal`);
}

export function requestTransfer(memberId: number, body: { toOrgId: number; reason?: string }): Promise<TransferItem> {
  return api.post<TransferItem>(`/api/members/${memberId}/transfers`, body);
}

export interface DirectoryOrg {
  id: number;
  name: string;
  kind: OrgKind;
  regionCode: string;
}

/** Union names across the city, for choosing where a member moves to. */
export function searchOrgDirectory(q: string, signal?: AbortSignal): Promise<DirectoryOrg[]> {
  return api.get<{ items: DirectoryOrg[] }>('/api/orgs/directory', { q }, signal).then((r) => r.items);
}

export type TransferDirection = 'incoming' | 'outgoing';
export type TransferStatus = TransferItem['status'];

export function fetchTransfers(direction: TransferDirection, status: TransferStatus | undefined, signal?: AbortSignal): Promise<TransferItem[]> {
  return api.get<{ items: TransferItem[] }>('/api/transfers', { direction, status }, signal).then((r) => r.items);
}

export function approveTransfer(id: number): Promise<TransferItem> {
  return api.post<TransferItem>(`/api/transfers/${id}/approve`);
}

export function rejectTransfer(id: number, reason: string): Promise<TransferItem> {
  return api.post<TransferItem>(`/api/transfers/${id}/reject`, { reason });
}
