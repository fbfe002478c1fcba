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
