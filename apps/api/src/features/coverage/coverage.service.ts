/**
 * The coverage cockpit: 建会率 / 入会率 of a unit and its children against their targets, read from the
 * figures the triggers keep (current month) or from a month-end snapshot (past months).
 */
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { coverageTargets } from '@lianxin/db';
import {
  COVERAGE_CHART_BARS, coverageResponseSchema, federationKinds, isLiangFeiYiWu, memberCategories, rateOf, shanghaiDate, targetStatuses, unitStatus,
  type CoverageChild, type CoverageFigures, type CoverageResponse, type CoverageTarget, type coverageQuerySchema, type CoverageTargetInput, type CoverageTrend,
  type TargetRule,
} from '@lianxin/contracts';
import { requireCapability, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { recentReads } from '../../lib/recent-reads.ts';
import {
  ancestorsInScope, currentFigures, refreshTargetFlags, saveTargetRule, snapshotFigures, snapshotSeries, targetRule, targetsAround, targetsInScope,
  unitFigures, type CockpitUnit, type Figures, type TargetRow,
} from './coverage.repo.ts';

export const currentPeriod = (now = new Date()) => shanghaiDate(now).slice(0, 7);

/** The target that applies in `period`: the first one due in or after it, else the last one (kept after its date). */
export function applicableTarget(own: readonly TargetRow[], period: string): TargetRow | null {
  const sorted = [...own].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  return sorted.find((t) => t.dueOn >= `${period}-01`) ?? sorted.at(-1) ?? null;
}

function toTarget(row: TargetRow, unitId: number): CoverageTarget {
  return {
    id: row.id,
    orgId: row.orgId,
    orgName: row.orgName,
    dueOn: row.dueOn,
    coverageRate: row.coverageBp / 10_000,
    membershipRate: row.membershipBp === null ? null : row.membershipBp / 10_000,
    note: row.note,
    inheritedFrom: row.orgId === unitId ? null : { id: row.orgId, name: row.orgName },
  };
}

/** A unit's own target, else that of its nearest ancestor that has one. */
function targetFor(unit: CockpitUnit, byOrg: Map<number, TargetRow[]>, period: string): CoverageTarget | null {
  const lineage = unit.path.split('.').map(Number).reverse();
  for (const id of lineage) {
    const found = applicableTarget(byOrg.get(id) ?? [], period);
    if (found) return toTarget(found, unit.id);
  }
  return null;
}

export function toFigures(unit: CockpitUnit, f: Figures, target: CoverageTarget | null): CoverageFigures {
  const value = (metric: string) => f[metric] ?? 0;
  const targetEnterprises = value('target');
  const coveredTargetEnterprises = value('covered_target');
  const coverageRate = rateOf(coveredTargetEnterprises, targetEnterprises);
  const employeesInCovered = value('employees_covered');
  const members = value('members');
  const membersByCategory = Object.fromEntries(memberCategories.map((c) => [c, value(`members:${c}`)]));
  return {
    org: { id: unit.id, name: unit.name, kind: unit.kind, regionCode: unit.regionCode },
    enterprises: value('enterprises'),
    coveredEnterprises: value('covered'),
    targetEnterprises,
    coveredTargetEnterprises,
    coverageRate,
    employeesInCovered,
    members,
    membershipRate: rateOf(members, employeesInCovered),
    membersByCategory,
    liangFeiYiWuMembers: memberCategories.filter(isLiangFeiYiWu).reduce((sum, c) => sum + value(`members:${c}`), 0),
    federationsByKind: Object.fromEntries(federationKinds.map((k) => [k, value(`orgs:${k}`)])),
    target,
    // a unit with no target enterprise has no rate to judge; else the worse of 建会率 and 入会率 against the target
    status: targetEnterprises === 0 ? 'none' : unitStatus({ coverageRate, membershipRate: rateOf(members, employeesInCovered) }, target),
  };
}

function ownOrgId(ctx: ServiceContext, orgId: number | undefined): number {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  return orgId ?? ctx.scope.rootOrgId;
}

/** The figures a child row shows (no breakdowns by member category or federation kind). */
const CHILD_METRICS = [
  'enterprises', 'covered', 'target', 'covered_target', 'employees_covered', 'members',
  ...memberCategories.filter(isLiangFeiYiWu).map((c) => `members:${c}`),
];

/** The cockpit of a unit with every child's full figures (the xlsx export), children most target enterprises first. */
export function getFullCoverage(ctx: ServiceContext, query: { orgId?: number | undefined; period?: string | undefined }) {
  return cockpitOf(ctx, query, false);
}

/** Readers of one unit's cockpit in one scope share one read for a moment (a street's chair and nineteen colleagues at 9:00). */
const sharedCockpit = recentReads<Awaited<ReturnType<typeof readCockpit>>>();
/** …and one page of it as the JSON sent: the trimmed rows and the chart, built, checked and serialised once for all of them. */
const sharedPage = recentReads<string>();

/** What a cockpit's answer depends on: the unit, the month and the actor's scope (ancestors shown, children visible). */
function cockpitKey(ctx: ServiceContext, orgId: number, period: string): string {
  return `${ctx.scope.kind === 'subtree' ? ctx.scope.rootOrgId : ''}:${orgId}:${period}`;
}

/**
 * The month asked for, or the current (Asia/Shanghai) month; a month after the current one is refused (400 on
 * `period`): its figures do not exist yet, and the current ones must not be shown under its name.
 */
function askedPeriod(period: string | undefined): string {
  const now = currentPeriod();
  if (period === undefined) return now;
  if (period > now) throw fieldError('period', 'period.future');
  return period;
}

function cockpitOf(ctx: ServiceContext, query: { orgId?: number | undefined; period?: string | undefined }, trimmedChildren: boolean) {
  const orgId = ownOrgId(ctx, query.orgId);
  const period = askedPeriod(query.period);
  return sharedCockpit(ctx.db, `${cockpitKey(ctx, orgId, period)}:${trimmedChildren ? 't' : 'f'}`, () => readCockpit(ctx, orgId, period, trimmedChildren));
}

async function readCockpit(ctx: ServiceContext, orgId: number, period: string, trimmedChildren: boolean) {
  const now = currentPeriod();
  // the unit with its figures and the targets that may apply, in parallel: one round trip for the current month
  const [found, targets, ancestors] = await Promise.all([
    unitFigures(ctx.db, ctx.scope, orgId, trimmedChildren ? CHILD_METRICS : undefined), targetsAround(ctx.db, orgId), ancestorsInScope(ctx.db, ctx.scope, orgId),
  ]);
  if (!found) throw notFound();
  const { unit, children } = found;
  let figures = found.figures;
  let fromSnapshot = false;
  if (period < now) {
    const kept = await snapshotFigures(ctx.db, period, [unit.id, ...children.map((c) => c.id)]);
    if (!kept) throw new AppError('not_found', 404, 'coverage.noSnapshot', {}, { period: 'coverage.noSnapshot' });
    figures = kept;
    fromSnapshot = true;
  }
  const byOrg = new Map<number, TargetRow[]>();
  for (const t of targets) byOrg.set(t.orgId, [...(byOrg.get(t.orgId) ?? []), t]);
  const figuresOf = (u: CockpitUnit) => toFigures(u, figures.get(u.id) ?? {}, targetFor(u, byOrg, period));
  return {
    ...figuresOf(unit),
    ancestors,
    period,
    fromSnapshot,
    children: children.map(figuresOf).sort(byTargetEnterprises),
  };
}

/** Chinese names in pinyin order; one collator (`localeCompare` with a locale builds one per call: most of a street's sort). */
const byChineseName = new Intl.Collator('zh-CN').compare;

const byTargetEnterprises = (a: CoverageFigures, b: CoverageFigures) =>
  b.targetEnterprises - a.targetEnterprises || byChineseName(a.org.name, b.org.name);

/** A child as the table and chart show it: no breakdowns, the target's rates only. */
function toChild(f: CoverageFigures): CoverageChild {
  const { membersByCategory: _byCategory, federationsByKind: _byKind, target, ...rest } = f;
  return {
    ...rest,
    target: target && { coverageRate: target.coverageRate, membershipRate: target.membershipRate, inheritedFrom: target.inheritedFrom },
  };
}

const childSorts: Record<NonNullable<CoverageQuery['childSort']>, (a: CoverageFigures, b: CoverageFigures) => number> = {
  name: (a, b) => byChineseName(a.org.name, b.org.name),
  targetEnterprises: (a, b) => a.targetEnterprises - b.targetEnterprises,
  coveredTargetEnterprises: (a, b) => a.coveredTargetEnterprises - b.coveredTargetEnterprises,
  coverageRate: (a, b) => a.coverageRate - b.coverageRate,
  members: (a, b) => a.members - b.members,
  membershipRate: (a, b) => a.membershipRate - b.membershipRate,
  status: (a, b) => targetStatuses.indexOf(a.status) - targetStatuses.indexOf(b.status),
};

type CoverageQuery = z.output<typeof coverageQuerySchema>;

/**
 * The cockpit as the page shows it: the unit's figures, one page of its children (of a kind, in an order) with
 * trimmed figures, and the bar chart's federations and joint unions. A street with 197 child unions answers 20
 * rows and 20 bars, not 197 full records.
 */
export async function getCoverage(ctx: ServiceContext, query: Partial<CoverageQuery> & { orgId?: number | undefined }): Promise<CoverageResponse> {
  const full = await cockpitOf(ctx, query, true);
  const isEnterpriseUnion = (c: CoverageFigures) => c.org.kind === 'enterprise_union';
  const kind = query.childKind ?? 'all';
  const listed = full.children.filter((c) => kind === 'all' || (kind === 'enterprise_unions') === isEnterpriseUnion(c));
  if (query.childSort) {
    const compare = childSorts[query.childSort];
    const direction = query.childOrder === 'desc' ? -1 : 1;
    listed.sort((a, b) => direction * compare(a, b) || a.org.id - b.org.id);
  }
  const pageSize = query.childPageSize ?? 20;
  const start = ((query.childPage ?? 1) - 1) * pageSize;
  const actionable = full.children.filter((c) => !isEnterpriseUnion(c) && c.targetEnterprises > 0);
  const enterpriseUnions = full.children.filter(isEnterpriseUnion).length;
  return {
    ...full,
    children: listed.slice(start, start + pageSize).map(toChild),
    childrenTotal: listed.length,
    childrenByKind: { federations: full.children.length - enterpriseUnions, enterpriseUnions },
    chart: actionable.slice(0, COVERAGE_CHART_BARS).map(toChild),
    chartTotal: actionable.length,
  };
}

/**
 * {@link getCoverage} as the JSON body GET /api/coverage sends (checked against coverageResponseSchema as the
 * route's serialiser would), shared between readers of the same page for a moment (lib/recent-reads.ts): twenty
 * readers of a street's cockpit cost one computation and one serialisation.
 */
export function getCoverageJson(ctx: ServiceContext, query: Partial<CoverageQuery> & { orgId?: number | undefined }): Promise<string> {
  const orgId = ownOrgId(ctx, query.orgId);
  const page = [query.childKind, query.childSort, query.childOrder, query.childPage, query.childPageSize].join(':');
  return sharedPage(ctx.db, `${cockpitKey(ctx, orgId, askedPeriod(query.period))}:${page}`,
    async () => JSON.stringify(z.encode(coverageResponseSchema, await getCoverage(ctx, query))));
}

/** Month-end points plus the current month, for the trend chart. */
export async function getCoverageTrend(ctx: ServiceContext, orgId: number | undefined): Promise<CoverageTrend> {
  const unit = await findOrg(ctx.db, ctx.scope, ownOrgId(ctx, orgId));
  if (!unit) throw notFound();
  const [series, now] = await Promise.all([snapshotSeries(ctx.db, unit.id), currentFigures(ctx.db, [unit.id])]);
  const point = (period: string, f: Figures) => {
    const v = (m: string) => f[m] ?? 0;
    return {
      period,
      targetEnterprises: v('target'),
      coveredTargetEnterprises: v('covered_target'),
      coverageRate: rateOf(v('covered_target'), v('target')),
      members: v('members'),
      membershipRate: rateOf(v('members'), v('employees_covered')),
    };
  };
  const points = series.filter((s) => s.period < currentPeriod()).map((s) => point(s.period, s.metrics));
  points.push(point(currentPeriod(), now.get(unit.id) ?? {}));
  return { org: { id: unit.id, name: unit.name }, points };
}

// ---- targets --------------------------------------------------------------------------------------------------

/** Targets are set by those holding `coverage.setTargets` (federation staff) for units inside their scope. */
function targetScope(ctx: ServiceContext): Extract<Scope, { kind: 'subtree' }> {
  const scope = writeScope(ctx.scope);
  requireCapability(ctx.actor, 'coverage.setTargets', scope.path);
  return scope;
}

export async function listTargets(ctx: ServiceContext, orgId: number | undefined): Promise<CoverageTarget[]> {
  let under: string | null = null;
  if (orgId !== undefined) {
    const org = await findOrg(ctx.db, ctx.scope, orgId);
    if (!org) throw notFound();
    under = org.path;
  }
  const rows = await targetsInScope(ctx.db, ctx.scope, under);
  return rows.map((r) => toTarget(r, r.orgId));
}

export async function saveTarget(ctx: ServiceContext, input: CoverageTargetInput, id?: number): Promise<CoverageTarget> {
  const scope = targetScope(ctx);
  const values = {
    orgId: input.orgId,
    dueOn: input.dueOn,
    coverageBp: Math.round(input.coverageRate * 10_000),
    membershipBp: input.membershipRate === null ? null : Math.round(input.membershipRate * 10_000),
    note: input.note,
    createdBy: ctx.actor.userId,
    updatedAt: sql`now()`,
  };
  const savedId = await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw fieldError('orgId', 'error.not_found', 404, 'not_found');
    if (id !== undefined) {
      // the target being edited must belong to a unit in scope too
      const [current] = await tx.select({ orgId: coverageTargets.orgId }).from(coverageTargets).where(eq(coverageTargets.id, id));
      if (!current || !(await findOrg(tx, scope, current.orgId))) throw notFound();
    }
    const write = id === undefined
      ? tx.insert(coverageTargets).values(values).returning({ id: coverageTargets.id })
      : tx.update(coverageTargets).set(values).where(eq(coverageTargets.id, id)).returning({ id: coverageTargets.id });
    const [row] = await write.catch((error: unknown) => {
      throw isUniqueViolation(error) ? fieldError('dueOn', 'coverage.targetDuplicate', 409, 'conflict') : error;
    });
    if (!row) throw notFound();
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: id === undefined ? 'create' : 'update', objectType: 'coverage_target', objectId: row.id, orgPath: org.path,
      detail: { dueOn: input.dueOn, coverageRate: input.coverageRate, membershipRate: input.membershipRate },
    });
    return row.id;
  });
  const [saved] = (await targetsInScope(ctx.db, ctx.scope, null)).filter((t) => t.id === savedId);
  if (!saved) throw notFound();
  return toTarget(saved, saved.orgId);
}

export async function deleteTarget(ctx: ServiceContext, id: number): Promise<void> {
  const scope = targetScope(ctx);
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(coverageTargets).where(eq(coverageTargets.id, id));
    const org = row ? await findOrg(tx, scope, row.orgId) : undefined;
    if (!row || !org) throw notFound();
    await tx.delete(coverageTargets).where(eq(coverageTargets.id, id));
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'delete', objectType: 'coverage_target', objectId: id, orgPath: org.path, detail: { dueOn: row.dueOn },
    });
  });
}

// ---- the target-enterprise rule -------------------------------------------------------------------------------

export function getTargetRule(ctx: ServiceContext): Promise<TargetRule> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  return targetRule(ctx.db);
}

/** The rule is citywide: only city staff change it; every enterprise is re-evaluated in the same transaction. */
export async function setTargetRule(ctx: ServiceContext, rule: TargetRule): Promise<{ rule: TargetRule; changed: number }> {
  const scope = writeScope(ctx.scope);
  requireCapability(ctx.actor, 'coverage.setTargetRule', scope.path);
  const changed = await ctx.db.transaction(async (tx) => {
    await saveTargetRule(tx, rule);
    const n = await refreshTargetFlags(tx, shanghaiDate());
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'target_rule', objectId: null, orgPath: scope.path, detail: { rule, changed: n },
    });
    return n;
  });
  return { rule, changed };
}

