import type { ApplicationCreate, ApplicationCreated, ApplicationStatusView } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

/** A registry hit for the employer picker. */
export interface EnterpriseLookupItem {
  creditCode: string;
  name: string;
  regionName: string;
}

export function lookupEnterprises(q: string, signal?: AbortSignal): Promise<EnterpriseLookupItem[]> {
  return api.get<{ items: EnterpriseLookupItem[] }>('/api/enterprises/lookup', { q }, signal).then((r) => r.items);
}

export function submitApplication(body: ApplicationCreate): Promise<ApplicationCreated> {
  return api.post<ApplicationCreated>('/api/applications', body);
}

export function fetchApplicationStatus(reference: string, phone: string, signal?: AbortSignal): Promise<ApplicationStatusView> {
  return api.get<ApplicationStatusView>(`/api/applications/${encodeURIComponent(reference)}`, { phone }, signal);
}
