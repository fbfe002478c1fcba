import type {
  BargainingTopic, CalendarItem, CaseItem, CaseOutcome, CaseStatus, CaseType, ConsultationItem, Preparation, RoundItem, ConsultationStep, ContractItem, ContractKind, Paged, RightsSummary, WarningItem, WarningLevel, WarningSignal,
} from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

export const fetchSummary = (orgId: number, signal?: AbortSignal) => api.get<RightsSummary>('/api/rights/summary', { orgId }, signal);

export interface CaseQuery { orgId: number; status?: CaseStatus; type?: CaseType; page: number; pageSize: number }
export const fetchCases = (q: CaseQuery, signal?: AbortSignal) => api.get<Paged<CaseItem>>('/api/rights/cases', { ...q }, signal);
export const fetchCase = (id: number, signal?: AbortSignal) => api.get<CaseItem>(`/api/rights/cases/${id}`, undefined, signal);
export const createCase = (body: { enterpriseId: number; type: CaseType; workers: { name: string; phone?: string; memberId?: number }[]; claimFen: number; mediationOrg?: string; mediator?: string; lawyer?: string; description?: string; requestId?: number }) =>
  api.post<CaseItem>('/api/rights/cases', body);
export const moveCase = (id: number, body: { to: 'investigating' | 'mediating' | 'closed'; outcome?: CaseOutcome; recoveredFen?: number; agreementText?: string }) =>
  api.post<CaseItem>(`/api/rights/cases/${id}/stage`, body);
/** A party's phone in clear (the API writes an audit entry for each reveal). */
export const revealPartyPhone = (id: number, partyId: number) => api.post<{ phone: string }>(`/api/rights/cases/${id}/parties/${partyId}/phone`);
export const agreementUrl = (id: number) => `/api/rights/cases/${id}/agreement.pdf`;

export interface WarningQuery { orgId: number; level?: WarningLevel; status?: 'open' | 'closed'; page: number; pageSize: number }
export const fetchWarnings = (q: WarningQuery, signal?: AbortSignal) => api.get<Paged<WarningItem>>('/api/rights/warnings', { ...q }, signal);
export const createWarning = (body: { enterpriseId: number; signal: Exclude<WarningSignal, 'case_cluster'>; level: WarningLevel; description: string }) =>
  api.post<WarningItem>('/api/rights/warnings', body);
export const closeWarning = (id: number) => api.post<WarningItem>(`/api/rights/warnings/${id}/close`, {});
export const addMeeting = (id: number, body: { heldOn: string; participants: string; minutes: string; commitments: string; followUpOn?: string }) =>
  api.post<WarningItem>(`/api/rights/warnings/${id}/meetings`, body);
export const createContract = (body: {
  enterpriseId?: number; orgId?: number; coveredEnterpriseIds?: number[]; kind: ContractKind; validFrom: string; validTo: string; signedOn: string; increaseBp: number; minimumWageFen: number;
}) => api.post<ContractItem>('/api/bargaining/contracts', body);
export const vetoContract = (id: number, reason: string) => api.post<ContractItem>(`/api/bargaining/contracts/${id}/veto`, { reason });
export const letterUrl = (id: number) => `/api/rights/warnings/${id}/letter.pdf`;

export interface ContractQuery { orgId: number; expiringWithinDays?: number; page: number; pageSize: number }
export const fetchContracts = (q: ContractQuery, signal?: AbortSignal) => api.get<Paged<ContractItem>>('/api/bargaining/contracts', { ...q }, signal);

export const fetchConsultations = (q: { orgId: number; page: number; pageSize: number }, signal?: AbortSignal) =>
  api.get<Paged<ConsultationItem>>('/api/rights/consultations', { ...q }, signal);
/** One consultation with the issues members raised on the H5 (`memberIssues`). */
export const fetchConsultation = (id: number, signal?: AbortSignal) => api.get<ConsultationItem>(`/api/rights/consultations/${id}`, undefined, signal);
export const createConsultation = (body: { enterpriseId: number; collectedOn: string; issues: string }) => api.post<ConsultationItem>('/api/rights/consultations', body);
export const moveConsultation = (id: number, body: { to: Exclude<ConsultationStep, 'collecting'>; on: string; text: string }) =>
  api.post<ConsultationItem>(`/api/rights/consultations/${id}/step`, body);

export const fetchCalendar = (enterpriseId: number, signal?: AbortSignal) => api.get<{ items: CalendarItem[] }>('/api/bargaining/calendar', { enterpriseId }, signal);
export const addCalendarItem = (body: { enterpriseId: number; topic: BargainingTopic; month: number | null; note: string }) => api.post<CalendarItem>('/api/bargaining/calendar', body);
export const fetchPreparation = (enterpriseId: number, year: number, signal?: AbortSignal) => api.get<Preparation>('/api/bargaining/preparations', { enterpriseId, year }, signal);
export const savePreparation = (body: Preparation) => api.put<Preparation>('/api/bargaining/preparations', body);
export const fetchRounds = (enterpriseId: number, year: number, signal?: AbortSignal) => api.get<{ items: RoundItem[] }>('/api/bargaining/rounds', { enterpriseId, year }, signal);
export const createRound = (body: { enterpriseId: number; topic: BargainingTopic; year: number; heldOn: string; attendees: string; minutes: string; unionDemandBp?: number; companyOfferBp?: number }) =>
  api.post<RoundItem>('/api/bargaining/rounds', body);

/** A member found for a case party: name, masked phone and union (the member list inside the user's scope). */
export interface MemberHit { id: number; name: string; phone: string; union: { id: number; name: string } }
/** Members by a whole mobile number (11 digits, spaces and dashes ignored) or else by part of a name. */
export const searchMembers = (text: string, signal?: AbortSignal) => {
  const digits = text.replace(/[\s-]/g, '');
  const query = /^1\d{10}$/.test(digits) ? { phone: digits } : { q: text.trim() };
  return api.get<{ items: MemberHit[] }>('/api/members', { ...query, status: 'active', pageSize: 20 }, signal).then((r) => r.items);
};
export const searchEnterprises = (q: string, signal?: AbortSignal) =>
  api.get<{ items: { id: number; name: string }[] }>('/api/enterprises', { q, pageSize: 20 }, signal).then((r) => r.items);
