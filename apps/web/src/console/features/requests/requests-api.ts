import type { CalendarResponse, RequestFigures, RequestStatus, ServiceCategory, ServiceRequest, ServiceRequestCreate, ServiceRequestListItem } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

export interface RequestQuery {
  status?: RequestStatus;
  mine?: boolean;
  overdue?: boolean;
}

export const fetchRequests = (query: RequestQuery, signal?: AbortSignal) =>
  api.get<{ items: ServiceRequestListItem[] }>('/api/service-requests', { ...query, limit: 200 }, signal);
export const fetchRequest = (id: number, signal?: AbortSignal) => api.get<ServiceRequest>(`/api/service-requests/${id}`, undefined, signal);
/** The requester's phone in clear (to call back); the API writes an audit entry for each reveal. */
export const revealRequesterPhone = (id: number) => api.post<{ phone: string }>(`/api/service-requests/${id}/requester-phone`);
export const fetchCategories = (signal?: AbortSignal) => api.get<{ items: ServiceCategory[] }>('/api/service-categories', undefined, signal);
export const createRequest = (input: ServiceRequestCreate) => api.post<ServiceRequest>('/api/service-requests', input);

export type RequestAction = 'accept' | 'transfer' | 'pause' | 'resume' | 'extend' | 'close';
export const requestAction = (id: number, action: RequestAction, body?: unknown) => api.post<ServiceRequest>(`/api/service-requests/${id}/${action}`, body);

export const fetchFigures = (orgId: number, signal?: AbortSignal) => api.get<RequestFigures>('/api/service-requests/figures', { orgId }, signal);
export const fetchCalendar = (year: number, signal?: AbortSignal) => api.get<CalendarResponse>(`/api/calendar/${year}`, undefined, signal);
export const putCalendar = (year: number, days: { date: string; kind: 'holiday' | 'workday'; name: string }[]) => api.put<CalendarResponse>(`/api/calendar/${year}`, { days });
