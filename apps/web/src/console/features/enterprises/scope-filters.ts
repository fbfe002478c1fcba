import type { DictKey } from '../../../shared/i18n/dictionary.ts';
import type { EnterpriseFilters } from './enterprises-api.ts';

export type ScopeFilterKey = 'orgId' | 'target' | 'covered';

/** The dictionary key naming each scope filter set in `filters`, in a fixed order (the union first). */
export function scopeFilterLabels(filters: Pick<EnterpriseFilters, ScopeFilterKey>): { key: ScopeFilterKey; label: DictKey }[] {
  const labels: { key: ScopeFilterKey; label: DictKey }[] = [];
  if (filters.orgId) labels.push({ key: 'orgId', label: 'enterprises.scope.org' });
  if (filters.target === 'true') labels.push({ key: 'target', label: 'enterprises.scope.target' });
  if (filters.target === 'false') labels.push({ key: 'target', label: 'enterprises.scope.notTarget' });
  if (filters.covered === 'true') labels.push({ key: 'covered', label: 'enterprises.scope.covered' });
  if (filters.covered === 'false') labels.push({ key: 'covered', label: 'enterprises.scope.uncovered' });
  return labels;
}
