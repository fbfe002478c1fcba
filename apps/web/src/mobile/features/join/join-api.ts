import type { ApplicationCreate, ApplicationCreated, ApplicationStatusView } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

/** A registry hit for the employer picker. */
export interface EnterpriseLookupItem {
  creditCode: string;
  name: string;
  /** the street's GB/T 2260 code: the picker shows its name in the UI language */
  regionCode: string;
  /** the street's Chinese name */
  regionName: string;
}

export function lookupEnterprises(q: string, signal?: AbortSignal): Promise<EnterpriseLookupItem[]> {
  return api.get<{ items: EnterpriseLookupItem[] }>('/api/enterprises/lookup', { q }, signal).then((r) => r.items);
}

export function submitApplication(body: ApplicationCreate): Promise<ApplicationCreated> {
  return api.post<ApplicationCreated>('/api/applications', body);
}

/** Sends the one-time code that proves the applicant holds the phone (one a minute). */
export function requestApplicationCode(phone: string): Promise<{ sent: boolean }> {
  return api.post<{ sent: boolean }>('/api/applications/code', { phone });
}

/** The status check: reference and phone go in the body, never in a URL. */
export function fetchApplicationStatus(reference: string, phone: string): Promise<ApplicationStatusView> {
  return api.post<ApplicationStatusView>('/api/applications/status', { reference, phone });
}
