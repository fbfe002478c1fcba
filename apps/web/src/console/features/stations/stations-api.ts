import type { AcceptanceState, Station, StationInput, StationLevel } from '@lianxin/contracts';
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
