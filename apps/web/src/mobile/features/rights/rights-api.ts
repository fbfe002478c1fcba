import type { MyCase, MyConsultation, MyRights } from '@lianxin/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { fetchMe } from '../auth/member-auth-api.ts';
import { SignInRequired } from '../card/card-api.ts';

/** The member's 我的维权 page (cases, contracts, 恳谈会); SignInRequired unless a member is signed in. */
export async function loadMyRights(signal?: AbortSignal): Promise<MyRights> {
  try {
    const { user, csrfToken } = await fetchMe(signal);
    if (user.role !== 'member') throw new SignInRequired();
    setCsrfToken(csrfToken);
    return await api.get<MyRights>('/api/me/rights', undefined, signal);
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) throw new SignInRequired();
    throw error;
  }
}

/** One of the member's cases with its stage history. */
export const fetchMyCase = (id: number) => api.get<MyCase>(`/api/me/rights/cases/${id}`);
/** An issue for the enterprise's 恳谈会 (one a day; the same one again answers the first). */
export const submitIssue = (consultationId: number, body: { text: string; anonymous: boolean }) =>
  api.post<MyConsultation>(`/api/me/rights/consultations/${consultationId}/issues`, body);
