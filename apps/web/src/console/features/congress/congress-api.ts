import type {
  CongressSession, Evaluation, EvaluationSummary, EvidenceFile, Proposal, ProposalState, RatingQuestionSet, Vote, VoteCreate, VoteResult,
} from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

export type SessionItem = Omit<CongressSession, 'representatives'>;

export const fetchSessions = (orgId: number, signal?: AbortSignal) =>
  api.get<{ items: SessionItem[] }>('/api/congress/sessions', { orgId }, signal).then((r) => r.items);

export const fetchProposals = (sessionId: number, state: ProposalState | undefined, best: boolean, signal?: AbortSignal) =>
  api.get<{ items: Proposal[] }>('/api/congress/proposals', { sessionId, state, best: best ? 'true' : undefined }, signal).then((r) => r.items);

/** 办理进展: the department's progress note after its answer; `done` (落实完成) is the last one. */
export const postProgress = (id: number, body: { note: string; done: boolean }) => api.post<Proposal>(`/api/congress/proposals/${id}/progress`, body);
/** 优秀提案: the proposal committee marks or unmarks a filed and answered proposal. */
export const markBest = (id: number, best: boolean) => api.post<Proposal>(`/api/congress/proposals/${id}/best`, { best });

/** 立案 (the proposal committee), with the responsible department and a deadline. */
export const fileProposal = (id: number, body: { department: string; dueOn: string }) => api.post<Proposal>(`/api/congress/proposals/${id}/file`, body);
export const returnProposal = (id: number, reason: string) => api.post<Proposal>(`/api/congress/proposals/${id}/return`, { reason });
export const answerProposal = (id: number, body: { text: string; leader: string; answeredOn: string }) =>
  api.post<Proposal>(`/api/congress/proposals/${id}/answer`, body);

export const fetchVotes = (orgId: number, signal?: AbortSignal) => api.get<{ items: Vote[] }>('/api/votes', { orgId }, signal).then((r) => r.items);
export const createVote = (body: VoteCreate) => api.post<Vote>('/api/votes', body);
export const voteStep = (id: number, step: 'start' | 'finish' | 'publish') => api.post<Vote>(`/api/votes/${id}/${step}`);
export const fetchVoteResult = (id: number, signal?: AbortSignal) => api.get<VoteResult>(`/api/votes/${id}/result`, undefined, signal);

export const fetchEvaluationSummary = (year: number, orgId: number, signal?: AbortSignal) =>
  api.get<EvaluationSummary>(`/api/evaluation/${year}/summary`, { orgId }, signal);
/** Posts the unit's 星级 incentive grant of the year to the funds ledger (once; a repeat answers the first). */
export const postGrant = (year: number, orgId: number) => api.post<Evaluation>(`/api/evaluation/${year}/grant`, { orgId });
export const fetchEvaluation = (year: number, orgId: number, signal?: AbortSignal) =>
  api.get<Evaluation>(`/api/evaluation/${year}`, { orgId }, signal);

/** 会员评家 questions that apply to a union in a year (its own, the nearest above, or the built-in set). */
export const fetchRatingQuestions = (year: number, orgId: number, signal?: AbortSignal) =>
  api.get<RatingQuestionSet>(`/api/evaluation/${year}/questions`, { orgId }, signal);
/** Sets the union's own questions for the year (refused once a member below it has rated that year). */
export const saveRatingQuestions = (year: number, orgId: number, questions: string[]) =>
  api.put<RatingQuestionSet>(`/api/evaluation/${year}/questions`, { orgId, questions });

/** A union's 工会自查 evidence files of the year. */
export const fetchEvidence = (year: number, orgId: number, signal?: AbortSignal) =>
  api.get<{ items: EvidenceFile[] }>(`/api/evaluation/${year}/evidence`, { orgId }, signal).then((r) => r.items);
/** Uploads one evidence file for an indicator item (pdf, jpg, png, xlsx or docx, checked by the server). */
export function uploadEvidence(year: number, orgId: number, itemCode: string, file: File) {
  const form = new FormData();
  form.append('orgId', String(orgId));
  form.append('itemCode', itemCode);
  form.append('file', file);
  return api.upload<EvidenceFile>(`/api/evaluation/${year}/evidence`, form);
}
export const evidenceUrl = (id: number) => `/api/evaluation/evidence/${id}`;
