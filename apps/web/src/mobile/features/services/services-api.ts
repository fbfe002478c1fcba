import type { NearestStation, PublicRequest, PublicRequestCreated, ServiceCategory, ServiceRequest, ServiceRequestListItem } from '@lianxin/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { fetchMe } from '../auth/member-auth-api.ts';
import { SignInRequired } from '../card/card-api.ts';

/** District centres (WGS-84, from the console's district map) for riders who do not share their location. */
/** The nearest accepted positions to the phone's point, or to the centre of a picked street/town (or district). */
export const fetchNearest = (from: { lat: number; lng: number } | { regionCode: string }, signal?: AbortSignal) =>
  api.get<{ items: NearestStation[] }>('/api/stations/nearest', { ...from, limit: 10 }, signal);
export const fetchCategories = (signal?: AbortSignal) => api.get<{ items: ServiceCategory[] }>('/api/service-categories', undefined, signal);

/** 1.2 km / 350 m: walking distances as a rider reads them. */
export function formatDistance(metres: number): string {
  return metres >= 1000 ? `${(metres / 1000).toFixed(1)} km` : `${metres} m`;
}

async function asMember<T>(run: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  try {
    const { user, csrfToken } = await fetchMe(signal);
    if (user.role !== 'member') throw new SignInRequired();
    setCsrfToken(csrfToken);
    return await run();
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) throw new SignInRequired();
    throw error;
  }
}

export const fetchMyRequests = (signal?: AbortSignal) =>
  asMember(() => api.get<{ items: ServiceRequestListItem[] }>('/api/me/service-requests', undefined, signal), signal);
export const submitRequest = (body: { categoryCode: string; description: string; stationId?: number }) => api.post<ServiceRequest>('/api/me/service-requests', body);
export const rateRequest = (id: number, score: number, comment: string) => api.post<ServiceRequest>(`/api/service-requests/${id}/rating`, { score, comment });

// without an account (issue 11): a one-time code proves the phone; link tokens go in bodies, never in API URLs
export const requestRequestCode = (phone: string) => api.post<{ sent: boolean }>('/api/service-requests/code', { phone });
export const submitGuestRequest = (body: { categoryCode: string; description: string; requesterName: string; phone: string; phoneCode: string; stationId?: number; orgId?: number; regionCode?: string }) =>
  api.post<PublicRequestCreated>('/api/service-requests/public', body);
export const fetchByLink = (token: string) => api.post<PublicRequest>('/api/service-requests/by-link', { token });
export const rateByLink = (token: string, score: number, comment: string) => api.post<PublicRequest>('/api/service-requests/rate-by-link', { token, score, comment });
