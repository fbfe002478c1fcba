import type { MemberCard } from '@lianxin/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { fetchMe } from '../auth/member-auth-api.ts';

/** Thrown when nobody, or someone who is not a member (e.g. a staff session), is signed in. */
export class SignInRequired extends Error {
  constructor() {
    super('member sign-in required');
    this.name = 'SignInRequired';
  }
}

/** The signed-in member's e-card; checks the session first so a staff session is not mistaken for a member. */
export async function loadMemberCard(signal?: AbortSignal): Promise<MemberCard> {
  try {
    const { user, csrfToken } = await fetchMe(signal);
    if (user.role !== 'member') throw new SignInRequired();
    setCsrfToken(csrfToken);
    return await api.get<MemberCard>('/api/me/card', undefined, signal);
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) throw new SignInRequired();
    throw error;
  }
}
