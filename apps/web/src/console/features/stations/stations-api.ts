import type { AcceptanceState, ServiceItem, ServiceListKind, Station, StationInput, StationLevel } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

export interface StationQuery {
  level?: StationLevel;
  acceptance?: AcceptanceState;
}

export function fetchStations(query: StationQuery, signal?: AbortSignal): Promise<{ items: Station[]; total: number }> {
  return api.get('/api/stations', { ...query }, signal);
}

export function createStation(input: StationInput): Promise<Station> {
  return api.post<Station>('/api/stations', input);
}

export function patchStation(id: number, input: Partial<StationInput>): Promise<Station> {
  return api.patch<Station>(`/api/stations/${id}`, input);
}

export interface StationGap { orgId: number; name: string; stations: number; workers: number; per10k: number | null }

export function fetchStationGaps(orgId: number, signal?: AbortSignal): Promise<{ items: StationGap[] }> {
  return api.get('/api/stations/gaps', { orgId, limit: 10 }, signal);
}

export interface ServiceListsView { templates: (ServiceItem & { adopted: boolean })[]; items: ServiceItem[] }

export function fetchServiceLists(orgId: number, signal?: AbortSignal): Promise<ServiceListsView> {
  return api.get('/api/service-lists', { orgId }, signal);
}

export function addServiceItem(body: { orgId: number; list: ServiceListKind; category: string; title: string; description?: string; templateId?: number }): Promise<ServiceItem> {
  return api.post('/api/service-lists/items', body);
}

export function removeServiceItem(id: number): Promise<void> {
  return api.delete(`/api/service-lists/items/${id}`);
}
