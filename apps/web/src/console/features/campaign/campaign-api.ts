import type {
  Assignee, CampaignHistory, CampaignStage, CampaignUpdate, Letter, LetterKind, Paged, SantongshiTask, santongshiSortKeys, WorklistItem,
  worklistSortKeys,
} from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';
import type { ListSort } from '../../../shared/search-params.ts';

export type WorklistSortKey = (typeof worklistSortKeys)[number];
export type SantongshiSortKey = (typeof santongshiSortKeys)[number];

export interface WorklistQuery extends ListSort<WorklistSortKey> {
  orgId: number;
  stage?: CampaignStage;
  page: number;
  pageSize: number;
}

/** Uncovered target enterprises of a unit, largest first unless sorted. */
export function fetchWorklist(query: WorklistQuery, signal?: AbortSignal): Promise<Paged<WorklistItem>> {
  return api.get<Paged<WorklistItem>>('/api/campaign/worklist', { ...query }, signal);
}

export function fetchCampaignItem(enterpriseId: number, signal?: AbortSignal): Promise<CampaignHistory> {
  return api.get<CampaignHistory>(`/api/campaign/items/${enterpriseId}`, undefined, signal);
}

/** Stage, assignee, follow-up, notes; `built` needs the union and takes the enterprise off the worklist. */
export function updateCampaignItem(enterpriseId: number, body: CampaignUpdate): Promise<CampaignHistory> {
  return api.patch<CampaignHistory>(`/api/campaign/items/${enterpriseId}`, body);
}


export function fetchAssignees(signal?: AbortSignal): Promise<Assignee[]> {
  return api.get<{ items: Assignee[] }>('/api/campaign/assignees', undefined, signal).then((r) => r.items);
}

/** One of the two letters (两书), only for an enterprise that refuses. */
export function issueLetter(enterpriseId: number, kind: LetterKind): Promise<Letter> {
  return api.post<Letter>(`/api/campaign/items/${enterpriseId}/letters`, { kind });
}

/** The letter as PDF; opened in a new tab with the session cookie. */
export function letterPdfUrl(letterId: number): string {
  return `/api/campaign/letters/${letterId}/pdf`;
}

export type SantongshiStatus = 'open' | 'done' | 'all';

export interface SantongshiQuery extends ListSort<SantongshiSortKey> {
  orgId: number;
  status: SantongshiStatus;
  page: number;
  pageSize: number;
}

export function fetchSantongshi(query: SantongshiQuery, signal?: AbortSignal): Promise<Paged<SantongshiTask>> {
  return api.get<Paged<SantongshiTask>>('/api/campaign/santongshi', { ...query }, signal);
}

export function completeSantongshi(taskId: number): Promise<SantongshiTask> {
  return api.post<SantongshiTask>(`/api/campaign/santongshi/${taskId}/done`);
}
