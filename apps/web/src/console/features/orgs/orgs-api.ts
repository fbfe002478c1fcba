import type { OrgDetail, OrgSummary } from '@lianxin/contracts';
import { api } from '../../../shared/api-client.ts';

/** Children of an organisation; without a parent, the actor's own organisation (the root of what they may see). */
export function fetchOrgChildren(parentId?: number, signal?: AbortSignal): Promise<OrgSummary[]> {
  return api.get<{ items: OrgSummary[] }>('/api/orgs/children', { parentId }, signal).then((r) => r.items);
}

/** Name, kind and counts of a unit (no personal data, so the lookup is not an audited read). */
export function fetchOrgSummary(id: number, signal?: AbortSignal): Promise<OrgSummary> {
  return api.get<OrgSummary>(`/api/orgs/${id}/summary`, undefined, signal);
}

export function fetchOrg(id: number, signal?: AbortSignal): Promise<OrgDetail> {
  return api.get<OrgDetail>(`/api/orgs/${id}`, undefined, signal);
}

export interface OrgHit {
  id: number;
  name: string;
  kind: OrgSummary['kind'];
  regionCode: string;
}

/** Unions of the actor's scope whose name contains `q` (the highest levels first, at most 30). */
export function searchOrgs(q: string, signal?: AbortSignal): Promise<OrgHit[]> {
  return api.get<{ items: OrgHit[] }>('/api/orgs/search', { q }, signal).then((r) => r.items);
}
