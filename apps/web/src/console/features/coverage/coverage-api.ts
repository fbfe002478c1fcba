import type { CoverageResponse, CoverageTarget, CoverageTargetInput, CoverageTrend, StaffingResponse, TargetRule } from '@lianxin/contracts';
import { api, buildUrl } from '../../../shared/api-client.ts';
import type { ChildrenView } from './children-table.tsx';

/** The cockpit figures of a unit (default: the user's own) and its children; a past period reads its month-end snapshot. */
export function fetchCoverage(
  orgId: number | undefined, period: string | undefined, view: ChildrenView, signal?: AbortSignal,
): Promise<CoverageResponse> {
  return api.get<CoverageResponse>('/api/coverage', {
    orgId, period, childKind: view.kind, childPage: view.page, childPageSize: view.pageSize, childSort: view.sort, childOrder: view.order,
  }, signal);
}

/** Month-end points, oldest first; the last is the current month. */
export function fetchCoverageTrend(orgId: number | undefined, signal?: AbortSignal): Promise<CoverageTrend> {
  return api.get<CoverageTrend>('/api/coverage/trend', { orgId }, signal);
}

/** The figures of the unit and its children as xlsx; the browser downloads it with the session cookie. */
export function coverageExportUrl(orgId: number | undefined, period: string | undefined): string {
  return buildUrl('/api/coverage/export.xlsx', { orgId, period });
}

export function fetchStaffing(orgId: number | undefined, signal?: AbortSignal): Promise<StaffingResponse> {
  return api.get<StaffingResponse>('/api/coverage/staffing', { orgId }, signal);
}

/** Targets of the units in a subtree. */
export function fetchTargets(orgId: number | undefined, signal?: AbortSignal): Promise<CoverageTarget[]> {
  return api.get<{ items: CoverageTarget[] }>('/api/coverage/targets', { orgId }, signal).then((r) => r.items);
}

export function createTarget(body: CoverageTargetInput): Promise<CoverageTarget> {
  return api.post<CoverageTarget>('/api/coverage/targets', body);
}

export function updateTarget(id: number, body: CoverageTargetInput): Promise<CoverageTarget> {
  return api.put<CoverageTarget>(`/api/coverage/targets/${id}`, body);
}

export function deleteTarget(id: number): Promise<void> {
  return api.delete(`/api/coverage/targets/${id}`);
}

export function fetchTargetRule(signal?: AbortSignal): Promise<TargetRule> {
  return api.get<TargetRule>('/api/coverage/target-rule', undefined, signal);
}

/** City staff only; every enterprise is re-evaluated, `changed` counts those whose target flag flipped. */
export function saveTargetRule(rule: TargetRule): Promise<{ rule: TargetRule; changed: number }> {
  return api.put<{ rule: TargetRule; changed: number }>('/api/coverage/target-rule', rule);
}
