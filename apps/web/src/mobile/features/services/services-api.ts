import type { NearestStation, PublicRequest, PublicRequestCreated, ServiceCategory, ServiceRequest, ServiceRequestListItem } from '@lianxin/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { fetchMe } from '../auth/member-auth-api.ts';
import { SignInRequired } from '../card/card-api.ts';

/** District centres (WGS-84, from the console's district map) for riders who do not share their location. */
export const districtCentres: readonly [string, number, number][] = [
  ['黄浦区', 31.221, 121.4762], ['徐汇区', 31.1628, 121.4332], ['长宁区', 31.2175, 121.374], ['静安区', 31.2706, 121.4443],
  ['普陀区', 31.2659, 121.3766], ['虹口区', 31.2776, 121.4817], ['杨浦区', 31.2969, 121.5192], ['闵行区', 31.1092, 121.4235],
  ['宝山区', 31.3748, 121.3773], ['嘉定区', 31.3571, 121.2437], ['浦东新区', 31.1, 121.653], ['金山区', 30.8529, 121.1766],
  ['松江区', 31.0159, 121.1988], ['青浦区', 31.1228, 121.0922], ['奉贤区', 30.9282, 121.5254], ['崇明区', 31.5066, 121.6697],
];

export const fetchNearest = (lat: number, lng: number, signal?: AbortSignal) =>
  api.get<{ items: NearestStation[] }>('/api/stations/nearest', { lat, lng, limit: 10 }, signal);
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
