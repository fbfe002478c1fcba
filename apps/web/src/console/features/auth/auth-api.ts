import type { LoginResponse, MeResponse } from '@lianxin/contracts';
import { api, apiRequest } from '../../../shared/api-client.ts';

export function fetchMe(): Promise<MeResponse> {
  return apiRequest<MeResponse>('GET', '/api/auth/me', { quiet401: true });
}

export function login(username: string, password: string): Promise<LoginResponse> {
  return api.post<LoginResponse>('/api/auth/login', { username, password }, { quiet401: true });
}

export function logout(): Promise<void> {
  return api.post<void>('/api/auth/logout', undefined, { quiet401: true });
}
