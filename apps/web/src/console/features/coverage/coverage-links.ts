import type { MemberCategory } from '@lianxin/contracts';

/**
 * Where each cockpit figure leads: the list that the figure counts, filtered to the unit's subtree.
 */

function withQuery(path: string, entries: Record<string, string | number | boolean | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) params.set(key, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

/** The enterprise list of a unit: all, its target enterprises, or those with / without a union. */
export function enterprisesLink(orgId: number, filter: { target?: boolean; covered?: boolean } = {}): string {
  return withQuery('/enterprises', { orgId, target: filter.target, covered: filter.covered });
}

/** The active members of a unit's subtree, optionally of one category. */
export function membersLink(orgId: number, category?: MemberCategory): string {
  return withQuery('/members', { orgId, status: 'active', category });
}

/** The organisation tree with the unit selected (its federations are below it). */
export function orgTreeLink(orgId: number): string {
  return withQuery('/orgs', { org: orgId });
}

/** The union-building worklist (建会攻坚清单) of a unit. */
export function campaignLink(orgId: number): string {
  return withQuery('/campaign', { orgId });
}

/** The cockpit of a unit, for a past period when given. */
export function cockpitLink(orgId: number, period?: string): string {
  return withQuery('/coverage', { orgId, period });
}

/** A tab of the cockpit (服务, 经费, 星级…) for a unit: drilling down from a tab's table keeps the tab. */
export function cockpitTabLink(orgId: number, tab: string): string {
  return withQuery('/coverage', { orgId, tab });
}
