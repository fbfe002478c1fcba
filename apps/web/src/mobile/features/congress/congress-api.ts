import type { MyCongress, Proposal, ProposalRating, RatingQuestionSet, VoteResult } from '@lianxin/contracts';
import { api, isApiError, setCsrfToken } from '../../../shared/api-client.ts';
import { fetchMe } from '../auth/member-auth-api.ts';
import { SignInRequired } from '../card/card-api.ts';

/** The member's sessions, proposals and votes; SignInRequired unless a member is signed in. */
export async function loadMyCongress(signal?: AbortSignal): Promise<MyCongress> {
  try {
    const { user, csrfToken } = await fetchMe(signal);
    if (user.role !== 'member') throw new SignInRequired();
    setCsrfToken(csrfToken);
    return await api.get<MyCongress>('/api/me/congress', undefined, signal);
  } catch (error) {
    if (isApiError(error) && (error.status === 401 || error.status === 403)) throw new SignInRequired();
    throw error;
  }
}

export const secondProposal = (id: number) => api.post<Proposal>(`/api/congress/proposals/${id}/second`);
export const rateAnswer = (id: number, rating: ProposalRating) => api.post<Proposal>(`/api/congress/proposals/${id}/rate`, { rating });
export const castBallot = (voteId: number, choices: number[]) => api.post<{ receipt: string }>(`/api/votes/${voteId}/ballots`, { choices });
export const myVoteResult = (voteId: number, receipt?: string) => api.get<VoteResult>(`/api/me/votes/${voteId}/result`, { receipt: receipt || undefined });
export const rateMyUnion = (year: number, answers: number[]) => api.post<{ ok: true }>(`/api/me/evaluation/${year}/rating`, { answers });
/** The 会员评家 questions the member answers for their union this year (the union's, the city's default or the built-in set). */
export const myRatingQuestions = (year: number, signal?: AbortSignal) => api.get<RatingQuestionSet>(`/api/me/evaluation/${year}/questions`, undefined, signal);
