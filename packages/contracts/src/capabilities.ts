import type { Role } from './roles.ts';

/**
 * Who may do what — the one place role rules live, used by the API (route declarations and services) and
 * by the web (which buttons to show).
 *
 * Two sources give a capability:
 * - the account's **role** (city / district / street staff, social worker, enterprise chair, assessor, member),
 *   which holds inside the actor's scope (the subtree of their organisation — the query decides that);
 * - a **grant**: a duty a user holds at one organisation and the units below it, beside their role — the unit
 *   head who approves extensions (限时办结延期), the workers' congress proposal committee (提案委员会) and joint
 *   council (联席会议), the checkers of the yearly spot check (上级抽查) and third-party assessors (第三方评审).
 *   Grants need no new roles: a street's staff member can be its unit head and a checker at once.
 * Representatives of a workers' congress are not a role either: they are members (signed in on the H5) listed
 * on a session's roll.
 */

/** Duties granted to a user at an organisation (`user_grants`); each holds for that unit and its subtree. */
export const grantKinds = ['unit_head', 'proposal_committee', 'joint_council', 'checker', 'assessor'] as const;
export type GrantKind = (typeof grantKinds)[number];

/** Roles of union staff working in the tree (everyone but members). */
const TREE_ROLES = ['city_staff', 'district_staff', 'street_staff', 'social_worker', 'enterprise_chair', 'assessor'] as const;
/** Roles that change records inside their scope; assessors only read. */
const WRITERS = ['city_staff', 'district_staff', 'street_staff', 'social_worker', 'enterprise_chair'] as const;
/** Federation staff: the city, district and street/town federations (not social workers or chairs). */
const FEDERATION_STAFF = ['city_staff', 'district_staff', 'street_staff'] as const;

interface CapabilityRule {
  /** roles that hold it inside their scope */
  roles: readonly Role[];
  /** grants that give it at the granted unit and below */
  grants?: readonly GrantKind[];
  /** what it allows, for the docs and the inventory listing */
  description: string;
}

export const capabilityRules = {
  'records.read': { roles: TREE_ROLES, description: 'read the records of the scope (staff read)' },
  'records.write': { roles: WRITERS, description: 'change the records of the scope (staff write)' },
  'members.reveal': {
    roles: ['city_staff', 'district_staff', 'street_staff', 'social_worker'],
    description: 'see a member\'s ID number and phone in clear (audit-logged)',
  },
  'coverage.setTargets': { roles: FEDERATION_STAFF, description: 'set coverage targets for units of the scope' },
  'coverage.setTargetRule': { roles: ['city_staff'], description: 'change the citywide target-enterprise rule' },
  'campaign.assignee': { roles: WRITERS, description: 'be assigned campaign follow-ups' },
  'grants.manage': { roles: FEDERATION_STAFF, description: 'grant duties (unit head, committees, checkers) inside the scope' },
  'staffing.socialWorker': { roles: ['social_worker'], description: 'count as a social worker in the staffing standard' },
  'funds.manage': { roles: ['city_staff'], description: 'set the dated fund settings (rates, splits, return share) and close ledger months' },
  'funds.approveRates': { roles: FEDERATION_STAFF, description: 'approve reduced rates (差异化缴纳) and per-head amounts for enterprises of the scope' },
  'funds.returns': { roles: FEDERATION_STAFF, description: 'run 先收后返 returns to the grassroots unions of the scope' },
  'funds.subsidies': { roles: FEDERATION_STAFF, description: 'pay the 两非一无 new-member subsidies a district or street federation of the scope owes its unions' },
  'calendar.edit': { roles: ['city_staff'], description: 'enter or correct the official working-day calendar of a year (节假日、调休)' },
  'requests.approveExtension': {
    roles: [],
    grants: ['unit_head'],
    description: 'approve a service request\'s one extension (限时办结延期), as the unit\'s head',
  },
  'congress.fileProposals': {
    roles: [],
    grants: ['proposal_committee'],
    description: 'file (立案) or return proposals as the proposal committee',
  },
  'congress.jointCouncil': { roles: [], grants: ['joint_council'], description: 'sit on the joint council (veto of wage deals)' },
  'evaluation.check': { roles: [], grants: ['checker'], description: 'score a unit drawn in the spot check (上级抽查)' },
  // only the duty: the assessor *role* is the read-only account (every write route refuses it), so a third-party
  // review is entered by a staff account holding the assessor grant
  'evaluation.assess': {
    roles: [],
    grants: ['assessor'],
    description: 'enter third-party review scores and reports (第三方评审), as a staff account holding the assessor duty',
  },
} as const satisfies Record<string, CapabilityRule>;

export type Capability = keyof typeof capabilityRules;
export const capabilityNames = Object.keys(capabilityRules) as Capability[];

/** A grant as the actor carries it: the duty and the path of the unit it was granted at. */
export interface ActorGrant {
  kind: GrantKind;
  orgId: number;
  orgPath: string;
}

/** What `can` needs to know of a user. */
export interface CapabilityHolder {
  role: Role;
  grants?: readonly ActorGrant[];
}

function isUnder(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/**
 * Whether a role or user may do something. With a role alone the answer is the role rule. With a user and an
 * organisation path it is the role rule (the scope check is the query's) or a grant at that unit or above it;
 * with a user and no path, a grant anywhere counts (for deciding whether to show a screen at all).
 */
export function can(who: Role | CapabilityHolder, capability: Capability, orgPath?: string): boolean {
  const rule: CapabilityRule = capabilityRules[capability];
  const holder = typeof who === 'string' ? { role: who, grants: [] } : who;
  if (rule.roles.includes(holder.role)) return true;
  const grants = rule.grants ?? [];
  return (holder.grants ?? []).some((g) => grants.includes(g.kind) && (orgPath === undefined || isUnder(orgPath, g.orgPath)));
}

/** Roles that hold a capability through the role rule (for the docs and for SQL filters such as assignees). */
export function rolesWith(capability: Capability): readonly Role[] {
  return capabilityRules[capability].roles;
}
