import type { LoginResponse, MeResponse } from '@lianxin/contracts';
import { api, apiRequest } from '../../../shared/api-client.ts';

export function fetchMe(signal?: AbortSignal): Promise<MeResponse> {
  return apiRequest<MeResponse>('GET', '/api/auth/me', { quiet401: true, signal });
}

/** Always 202: whether the phone belongs to a member is not revealed; the code comes by SMS. */
export function requestCode(phone: string): Promise<{ sent: boolean }> {
  return api.post<{ sent: boolean }>('/api/member-auth/code', { phone }, { quiet401: true });
}

export function loginWithCode(phone: string, code: string): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/member-auth/login', { phone, code }, { quiet401: true });
}

export function logout(): Promise<void> {
  return api.post<void>('/api/auth/logout', undefined, { quiet401: true });
}
