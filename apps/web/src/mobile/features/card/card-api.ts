import type { CardToken, MemberCard } from '@lianxin/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { fetchMe } from '../auth/member-auth-api.ts';

/** Thrown when nobody, or someone who is not a member (e.g. a staff session), is signed in. */
export class SignInRequired extends Error {
  constructor() {
    super('member sign-in required');
    this.name = 'SignInRequired';
  }
}

function signInOn401(error: unknown): never {
  if (isApiError(error) && (error.status === 401 || error.status === 403)) throw new SignInRequired();
  throw error;
}

/** The signed-in member's e-card; checks the session first so a staff session is not mistaken for a member. */
export async function loadMemberCard(signal?: AbortSignal): Promise<MemberCard> {
  try {
    const { user, csrfToken } = await fetchMe(signal);
    if (user.role !== 'member') throw new SignInRequired();
    setCsrfToken(csrfToken);
    return await api.get<MemberCard>('/api/me/card', undefined, signal);
  } catch (error) {
    return signInOn401(error);
  }
}

/** A new short-lived QR token for the card (the session ended — idle, or the membership ended — is SignInRequired). */
export async function loadCardToken(signal?: AbortSignal): Promise<CardToken> {
  try {
    return await api.get<CardToken>('/api/me/card/token', undefined, signal);
  } catch (error) {
    return signInOn401(error);
  }
}
