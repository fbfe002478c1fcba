import type { MemberFunds } from '@lianxin/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { fetchMe } from '../auth/member-auth-api.ts';
import { SignInRequired } from '../card/card-api.ts';

/** 经费公开: the member's union's income, spending and budget execution of a year; SignInRequired unless a member is signed in. */
export async function loadMemberFunds(year: number, signal?: AbortSignal): Promise<MemberFunds> {
  try {
    const { user, csrfToken } = await fetchMe(signal);
    if (user.role !== 'member') throw new SignInRequired();
    setCsrfToken(csrfToken);
    return await api.get<MemberFunds>('/api/me/funds', { year }, signal);
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) throw new SignInRequired();
    throw error;
  }
}
