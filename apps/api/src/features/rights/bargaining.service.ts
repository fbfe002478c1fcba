/**
 * Collective bargaining (集体协商, 电装's model): rounds per enterprise, topic and year (3 as a rule, 5 at most —
 * the 6th is refused), contracts (集体合同 / 工资专项集体合同: term of one to three years, increase in basis points,
 * the enterprise minimum wage in fen, signed and filed dates), the joint council's veto of wage agreements
 * (capability `congress.jointCouncil`), expiry reminders and 三访三查 checks.
 */
import { sql } from 'drizzle-orm';
import { bargainingChecks, bargainingContracts, bargainingRegionalContracts, bargainingRounds, queryRows, type Database, type Tx } from '@lianxin/db';
import {
  addDays, contractTermProblem, isMultiEnterpriseKind, type OrgKind, MAX_ROUNDS, nextRoundNumber, shanghaiDate, type BargainingTopic, type checkCreateSchema, type ContractItem,
  type ContractKind, type contractCreateSchema, type contractListQuerySchema, type ContractStatus, type Paged, type RoundItem,
  type roundCreateSchema, type roundListQuerySchema,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { requireCapability, withinScope, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { pagedList } from '../../lib/paged-list.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { scopedEnterprise, scopedOrgPath } from './rights.shared.ts';

interface RoundRow {
  id: number; enterprise_id: number; enterprise_name: string; topic: BargainingTopic; year: number; round_no: number; held_on: string;
  attendees: string; union_demand_bp: number | null; union_demand_fen: number | null; company_offer_bp: number | null;
  company_offer_fen: number | null; minutes: string;
}

const roundColumns = sql`
  r.id, r.enterprise_id, e.name as enterprise_name, r.topic, r.year, r.round_no, r.held_on::text as held_on, r.attendees,
  r.union_demand_bp, r.union_demand_fen::float8 as union_demand_fen, r.company_offer_bp, r.company_offer_fen::float8 as company_offer_fen, r.minutes`;

const toRound = (r: RoundRow): RoundItem => ({
  id: r.id, enterprise: { id: r.enterprise_id, name: r.enterprise_name }, topic: r.topic, year: r.year, roundNo: r.round_no, heldOn: r.held_on,
  attendees: r.attendees, unionDemandBp: r.union_demand_bp, unionDemandFen: r.union_demand_fen, companyOfferBp: r.company_offer_bp,
  companyOfferFen: r.company_offer_fen, minutes: r.minutes,
});

export async function listRounds(ctx: ServiceContext, query: z.output<typeof roundListQuerySchema>): Promise<{ items: RoundItem[] }> {
  await scopedEnterprise(ctx.db, ctx.scope, query.enterpriseId);
  const rows = await queryRows<RoundRow>(ctx.db, sql`
    select ${roundColumns} from bargaining_rounds r join enterprises e on e.id = r.enterprise_id
     where r.enterprise_id = ${query.enterpriseId} ${query.year ? sql`and r.year = ${query.year}` : sql``}
     order by r.year desc, r.topic, r.round_no`);
  return { items: rows.map(toRound) };
}

/**
 * Records the next round of a topic's talks in a year. The enterprise row is locked so two rounds get distinct
 * numbers; the unique index (enterprise, topic, year, round) and a CHECK (1–5) are the guard underneath.
 * The same round sent again (a double tap, a retry: same topic, year, day, attendees, demand, offer and minutes)
 * answers the recorded round (`created: false`, HTTP 200) instead of counting a second round.
 * @throws 409 `rights.roundsExhausted` past the 5th round; 400 on heldOn after today (`rights.future`) or before the
 *   topic's last round of the year (`rights.beforePreviousStep`)
 */
export async function createRound(ctx: ServiceContext, input: z.output<typeof roundCreateSchema>): Promise<{ round: RoundItem; created: boolean }> {
  const scope = writeScope(ctx.scope);
  if (input.heldOn > shanghaiDate()) throw fieldError('heldOn', 'rights.future');
  let id: number;
  let created = true;
  try {
    id = await ctx.db.transaction(async (tx) => {
      const enterprise = await scopedEnterprise(tx, scope, input.enterpriseId, true);
      const [same] = await queryRows<{ id: number }>(tx, sql`
        select id from bargaining_rounds
         where enterprise_id = ${enterprise.id} and topic = ${input.topic} and year = ${input.year} and held_on = ${input.heldOn}::date
           and attendees = ${input.attendees} and minutes = ${input.minutes}
           and union_demand_bp is not distinct from ${input.unionDemandBp ?? null}::int and union_demand_fen is not distinct from ${input.unionDemandFen ?? null}::bigint
           and company_offer_bp is not distinct from ${input.companyOfferBp ?? null}::int and company_offer_fen is not distinct from ${input.companyOfferFen ?? null}::bigint
         order by id limit 1`);
      if (same) {
        created = false;
        return same.id;
      }
      const [held] = await queryRows<{ n: number; last: string | null }>(tx, sql`
        select count(*)::int as n, max(held_on)::text as last from bargaining_rounds
         where enterprise_id = ${enterprise.id} and topic = ${input.topic} and year = ${input.year}`);
      const roundNo = nextRoundNumber(held?.n ?? 0);
      if (roundNo === null) throw new AppError('conflict', 409, 'rights.roundsExhausted', { max: MAX_ROUNDS });
      // rounds are numbered in the order they are recorded: the next one cannot be dated before the last
      if (held?.last && input.heldOn < held.last) throw fieldError('heldOn', 'rights.beforePreviousStep');
      const [row] = await tx.insert(bargainingRounds).values({
        enterpriseId: enterprise.id, topic: input.topic, year: input.year, roundNo, heldOn: input.heldOn, attendees: input.attendees,
        unionDemandBp: input.unionDemandBp ?? null, unionDemandFen: input.unionDemandFen ?? null,
        companyOfferBp: input.companyOfferBp ?? null, companyOfferFen: input.companyOfferFen ?? null, minutes: input.minutes, createdBy: ctx.actor.userId,
      }).returning({ id: bargainingRounds.id });
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'bargaining_round', objectId: row!.id, orgPath: enterprise.orgPath, detail: { topic: input.topic, year: input.year, roundNo },
      });
      return row!.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 409, 'rights.roundsExhausted', { max: MAX_ROUNDS });
    throw error;
  }
  const [row] = await queryRows<RoundRow>(ctx.db, sql`select ${roundColumns} from bargaining_rounds r join enterprises e on e.id = r.enterprise_id where r.id = ${id}`);
  return { round: toRound(row!), created };
}

interface ContractRow {
  id: number; enterprise_id: number; enterprise_name: string; org_path: string; kind: ContractKind; status: ContractStatus; valid_from: string;
  valid_to: string; increase_bp: number; minimum_wage_fen: number; signed_on: string; filed_on: string | null; covered_employees: number;
  veto_reason: string; regional_id: number | null; regional_org_id: number | null; regional_org_name: string | null; regional_covered: number | null;
}

const contractColumns = sql`
  c.id, c.enterprise_id, e.name as enterprise_name, c.org_path::text as org_path, c.kind, c.status, c.valid_from::text as valid_from,
  c.valid_to::text as valid_to, c.increase_bp, c.minimum_wage_fen::float8 as minimum_wage_fen, c.signed_on::text as signed_on,
  c.filed_on::text as filed_on, c.covered_employees, c.veto_reason, rc.id as regional_id, rc.org_id as regional_org_id,
  ro.name as regional_org_name, rc.covered_enterprises as regional_covered`;

const contractFrom = sql`bargaining_contracts c join enterprises e on e.id = c.enterprise_id
  left join bargaining_regional_contracts rc on rc.id = c.regional_contract_id left join orgs ro on ro.id = rc.org_id`;

const dayNumber = (day: string) => Date.parse(`${day}T00:00:00Z`) / 86_400_000;

async function toContracts(db: Database, rows: ContractRow[], today: string): Promise<ContractItem[]> {
  const ids = rows.map((r) => r.id);
  const checks = ids.length === 0 ? [] : await queryRows<{ id: number; contract_id: number; checked_on: string; visits: string; wages_paid: boolean; findings: string; rectification: string }>(db, sql`
    select id, contract_id, checked_on::text as checked_on, visits, wages_paid, findings, rectification
      from bargaining_checks where contract_id = any(${sql.param(ids)}::int[]) order by checked_on, id`);
  return rows.map((r) => ({
    id: r.id, enterprise: { id: r.enterprise_id, name: r.enterprise_name }, kind: r.kind, status: r.status, validFrom: r.valid_from, validTo: r.valid_to,
    increaseBp: r.increase_bp, minimumWageFen: Number(r.minimum_wage_fen), signedOn: r.signed_on, filedOn: r.filed_on, coveredEmployees: r.covered_employees,
    vetoReason: r.veto_reason,
    regional: r.regional_id === null ? null : { id: r.regional_id, org: { id: r.regional_org_id!, name: r.regional_org_name! }, coveredEnterprises: r.regional_covered! },
    daysToExpiry: dayNumber(r.valid_to) - dayNumber(today),
    checks: checks.filter((c) => c.contract_id === r.id).map((c) => ({
      id: c.id, checkedOn: c.checked_on, visits: c.visits, wagesPaid: c.wages_paid, findings: c.findings, rectification: c.rectification,
    })),
  }));
}

async function findContract(db: Database | Tx, scope: Scope, id: number, lock = false): Promise<ContractRow | undefined> {
  const [row] = await queryRows<ContractRow>(db, sql`
    select ${contractColumns} from ${contractFrom}
     where c.id = ${id} and ${withinScope(scope, sql`c.org_path`)} ${lock ? sql`for update of c` : sql``}`);
  return row;
}

export async function getContract(ctx: ServiceContext, id: number): Promise<ContractItem> {
  const row = await findContract(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  return (await toContracts(ctx.db, [row], shanghaiDate()))[0]!;
}

/**
 * Contracts of a unit's subtree; with `expiringWithinDays` only those in force today (Asia/Shanghai) that end
 * within that many days, soonest first (the 90-day reminder list).
 */
export async function listContracts(ctx: ServiceContext, query: z.output<typeof contractListQuerySchema>, today = shanghaiDate()): Promise<Paged<ContractItem>> {
  const under = await scopedOrgPath(ctx.db, ctx.scope, query.orgId);
  const expiring = query.expiringWithinDays;
  const where = sql`c.org_path <@ ${under}::ltree and ${withinScope(ctx.scope, sql`c.org_path`)}
    ${query.enterpriseId ? sql`and c.enterprise_id = ${query.enterpriseId}` : sql``}
    ${expiring !== undefined ? sql`and c.status <> 'vetoed' and c.valid_from <= ${today}::date and c.valid_to between ${today}::date and ${addDays(today, expiring)}::date` : sql``}`;
  const page = await pagedList<ContractRow, never>(ctx.db, {
    query,
    order: { default: expiring !== undefined ? sql`c.valid_to, c.id` : sql`c.valid_to desc, c.id desc`, keys: {}, tiebreaker: sql`c.id` },
    rows: (orderBy, limit, offset) => queryRows<ContractRow>(ctx.db, sql`
      select ${contractColumns} from ${contractFrom}
       where ${where} order by ${orderBy} limit ${limit} offset ${offset}`),
    count: { from: sql`bargaining_contracts c`, where },
  });
  return { ...page, items: await toContracts(ctx.db, page.items, today) };
}

/**
 * Records a signed contract. Its term lasts one to three years (集体合同规定 art. 38) and may not overlap another
 * contract of the same kind of the enterprise still standing (not vetoed); filing is not before signing.
 * 区域性/行业性: with `orgId` (a regional/industry union, `isMultiEnterpriseKind`) and `coveredEnterpriseIds` (each
 * covered by that union, `org_coverage`, and inside the scope) every enterprise gets its own row pointing at the
 * regional contract — with its employee count at signing, or `coveredEmployees` each — under the same overlap rule,
 * so an enterprise already under a standing contract of the kind is refused (409 naming the other contract: its
 * union and term for a regional one, the term for the enterprise's own — `overlapError`) and counts once; the same
 * holds the other way round (an own contract while a regional one covers the enterprise).
 * Answers the first covered enterprise's row.
 * @throws 400 term, dates, neither or both targets, not a regional union, an enterprise it does not cover; 409 `rights.contractOverlap`, `rights.contractOverlapOwn`, `rights.contractOverlapRegional`
 */
export async function createContract(ctx: ServiceContext, input: z.output<typeof contractCreateSchema>): Promise<ContractItem> {
  const scope = writeScope(ctx.scope);
  const term = contractTermProblem(input.validFrom, input.validTo);
  if (term) throw fieldError('validTo', term);
  if (input.signedOn > shanghaiDate()) throw fieldError('signedOn', 'rights.future');
  if (input.filedOn && input.filedOn < input.signedOn) throw fieldError('filedOn', 'rights.filedBeforeSigned');
  const regional = input.orgId !== undefined || input.coveredEnterpriseIds !== undefined;
  if (regional === (input.enterpriseId !== undefined) || (regional && (input.orgId === undefined || input.coveredEnterpriseIds === undefined))) {
    throw fieldError(regional ? 'coveredEnterpriseIds' : 'enterpriseId', 'rights.contractTarget');
  }
  const id = await ctx.db.transaction(async (tx) => {
    let regionalId: number | null = null;
    let enterpriseIds = input.enterpriseId !== undefined ? [input.enterpriseId] : [];
    if (regional) {
      const [union] = await queryRows<{ id: number; path: string; kind: OrgKind }>(tx, sql`
        select id, path::text as path, kind from orgs o where o.id = ${input.orgId!} and o.status <> 'dissolved' and ${withinScope(scope, sql`o.path`)}`);
      if (!union) throw notFound();
      if (!isMultiEnterpriseKind(union.kind)) throw fieldError('orgId', 'rights.notRegionalUnion');
      // in id order, so two contracts over the same enterprises lock them in the same order
      enterpriseIds = [...new Set(input.coveredEnterpriseIds!)].sort((a, b) => a - b);
      const covered = await queryRows<{ enterprise_id: number }>(tx, sql`
        select enterprise_id from org_coverage where org_id = ${union.id} and enterprise_id = any(${sql.param(enterpriseIds)}::int[])`);
      if (covered.length !== enterpriseIds.length) throw fieldError('coveredEnterpriseIds', 'rights.notCovered');
      const [row] = await tx.insert(bargainingRegionalContracts).values({
        orgId: union.id, orgPath: union.path, kind: input.kind, validFrom: input.validFrom, validTo: input.validTo, signedOn: input.signedOn,
        coveredEnterprises: enterpriseIds.length, createdBy: ctx.actor.userId,
      }).returning({ id: bargainingRegionalContracts.id });
      regionalId = row!.id;
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'bargaining_regional_contract', objectId: regionalId, orgPath: union.path,
        detail: { kind: input.kind, validTo: input.validTo, enterpriseIds },
      });
    }
    const ids: number[] = [];
    for (const enterpriseId of enterpriseIds) {
      // the lock serialises contracts of one enterprise, so the overlap check sees every earlier one
      const enterprise = await scopedEnterprise(tx, scope, enterpriseId, true);
      const [overlap] = await queryRows<OverlapRow>(tx, sql`
        select c.id, c.valid_from::text as valid_from, c.valid_to::text as valid_to, ro.name as union_name
          from bargaining_contracts c
          left join bargaining_regional_contracts rc on rc.id = c.regional_contract_id left join orgs ro on ro.id = rc.org_id
         where c.enterprise_id = ${enterprise.id} and c.kind = ${input.kind} and c.status <> 'vetoed'
           and c.valid_from <= ${input.validTo}::date and c.valid_to >= ${input.validFrom}::date
         order by c.valid_from, c.id limit 1`);
      if (overlap) throw overlapError(overlap, enterprise, regional);
      const [row] = await tx.insert(bargainingContracts).values({
        enterpriseId: enterprise.id, orgPath: enterprise.orgPath, kind: input.kind, status: input.filedOn ? 'filed' : 'signed',
        validFrom: input.validFrom, validTo: input.validTo, increaseBp: input.increaseBp, minimumWageFen: input.minimumWageFen,
        signedOn: input.signedOn, filedOn: input.filedOn ?? null, coveredEmployees: input.coveredEmployees ?? enterprise.employeeCount,
        regionalContractId: regionalId, createdBy: ctx.actor.userId,
      }).returning({ id: bargainingContracts.id });
      await recordAudit(tx, ctx.actor, ctx.ip, {
        action: 'create', objectType: 'bargaining_contract', objectId: row!.id, orgPath: enterprise.orgPath,
        detail: { kind: input.kind, validTo: input.validTo, ...(regionalId ? { regionalContractId: regionalId } : {}) },
      });
      ids.push(row!.id);
    }
    return ids[0]!;
  });
  return getContract(ctx, id);
}

interface OverlapRow { id: number; valid_from: string; valid_to: string; union_name: string | null }

/**
 * The 409 for a contract that would overlap a standing one of the same kind, naming the other contract: a
 * regional/industry one by its union (whichever the new one is), the enterprise's own when a regional one would
 * cover it, or the own one's term when the enterprise signs again. Field `coveredEnterpriseIds` for a regional
 * contract, `validFrom` for an own one; details carry both ids.
 */
function overlapError(other: OverlapRow, enterprise: { id: number; name: string }, regional: boolean): AppError {
  const key = other.union_name !== null ? 'rights.contractOverlapRegional' : regional ? 'rights.contractOverlapOwn' : 'rights.contractOverlap';
  const params = { enterprise: enterprise.name, from: other.valid_from, to: other.valid_to, union: other.union_name ?? '' };
  return new AppError('conflict', 409, key, params, { [regional ? 'coveredEnterpriseIds' : 'validFrom']: key }, { contractId: other.id, enterpriseId: enterprise.id });
}

async function changeContract(ctx: ServiceContext, id: number, change: (c: ContractRow, tx: Tx) => Promise<Record<string, unknown>>): Promise<ContractItem> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const c = await findContract(tx, scope, id, true);
    if (!c) throw notFound();
    const detail = await change(c, tx);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'bargaining_contract', objectId: id, orgPath: c.org_path, detail });
  });
  return getContract(ctx, id);
}

/** 备案: the day the contract was filed with the human-resources bureau. */
export function fileContract(ctx: ServiceContext, id: number, filedOn: string): Promise<ContractItem> {
  return changeContract(ctx, id, async (c, tx) => {
    if (c.status === 'vetoed') throw new AppError('conflict', 409, 'rights.contractVetoed');
    if (c.status === 'filed') throw new AppError('conflict', 409, 'rights.alreadyFiled');
    if (filedOn < c.signed_on) throw fieldError('filedOn', 'rights.filedBeforeSigned');
    if (filedOn > shanghaiDate()) throw fieldError('filedOn', 'rights.future');
    await tx.execute(sql`update bargaining_contracts set status = 'filed', filed_on = ${filedOn} where id = ${id}`);
    return { filedOn };
  });
}

/**
 * The workers' congress joint council vetoes a wage agreement (电装: it holds a veto over wage and bonus deals).
 * Needs `congress.jointCouncil` at the enterprise's union; a vetoed contract no longer counts as coverage.
 * @throws 403 without the duty there; 409 not a wage agreement, already vetoed
 */
export function vetoContract(ctx: ServiceContext, id: number, reason: string): Promise<ContractItem> {
  return changeContract(ctx, id, async (c, tx) => {
    requireCapability(ctx.actor, 'congress.jointCouncil', c.org_path);
    if (c.kind !== 'wage_specific') throw new AppError('conflict', 409, 'rights.vetoOnlyWage');
    if (c.status === 'vetoed') throw new AppError('conflict', 409, 'rights.contractVetoed');
    await tx.execute(sql`update bargaining_contracts set status = 'vetoed', veto_reason = ${reason} where id = ${id}`);
    return { status: 'vetoed' };
  });
}

/** 三访三查: a check after signing; not before the contract was signed. */
export async function addCheck(ctx: ServiceContext, id: number, input: z.output<typeof checkCreateSchema>): Promise<ContractItem> {
  return changeContract(ctx, id, async (c, tx) => {
    if (input.checkedOn < c.signed_on) throw fieldError('checkedOn', 'rights.beforeSigned');
    if (input.checkedOn > shanghaiDate()) throw fieldError('checkedOn', 'rights.future');
    await tx.insert(bargainingChecks).values({ contractId: id, ...input, createdBy: ctx.actor.userId });
    return { check: input.checkedOn, wagesPaid: input.wagesPaid };
  });
}
