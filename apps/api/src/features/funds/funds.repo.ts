/** Reads of the funds feature: enterprises with their unions, settings, exceptions, assessments, arrears. */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import type { FundSettings, RateException } from '@lianxin/contracts';
import { withinScope, type Scope } from '../../access/access.ts';
import { fenFigure } from './fen-figures.ts';

export interface FundsEnterprise {
  id: number;
  name: string;
  creditCode: string;
  address: string;
  employeeCount: number;
  unionStatus: 'own' | 'covered' | 'none';
  regionCode: string;
  orgId: number;
  orgPath: string;
}

/** One enterprise inside the scope (locked for update inside a transaction). */
export async function fundsEnterprise(db: Database | Tx, scope: Scope, id: number, lock = false): Promise<FundsEnterprise | undefined> {
  const [row] = await queryRows<FundsEnterprise>(db, sql`
    select id, name, credit_code as "creditCode", address, employee_count as "employeeCount", union_status as "unionStatus",
           region_code as "regionCode", org_id as "orgId", org_path::text as "orgPath"
      from enterprises where id = ${id} and ${withinScope(scope, sql`org_path`)} ${lock ? sql`for update` : sql``}`);
  return row;
}

export interface UnitRef { id: number; path: string; name: string }

/**
 * The territorial federations of an enterprise's division: the street/town union of its street, the district's
 * and the city's (one territorial union per division). The street collects (先收) whatever union covers the
 * enterprise — an industry union under the city included.
 */
export async function territorialChain(db: Database | Tx, regionCode: string): Promise<{ street?: UnitRef; district?: UnitRef; city?: UnitRef }> {
  const rows = await queryRows<UnitRef & { kind: string }>(db, sql`
    select id, path::text as path, name, kind from orgs
     where region_code in (${regionCode}, ${regionCode.slice(0, 6)}, '310000') and status <> 'dissolved'
       and kind in ('street_federation', 'district_federation', 'city_federation')`);
  const pick = (kind: string) => {
    const r = rows.find((x) => x.kind === kind);
    return r ? { id: r.id, path: r.path, name: r.name } : undefined;
  };
  return { street: pick('street_federation'), district: pick('district_federation'), city: pick('city_federation') };
}

const settingsColumns = sql`id, valid_from::text as "validFrom", rate_bp as "rateBp", preparatory_rate_bp as "preparatoryRateBp",
  grassroots_bp as "grassrootsBp", city_bp as "cityBp", district_bp as "districtBp", street_bp as "streetBp",
  return_bp as "returnBp", average_wage_fen::float8 as "averageWageFen"`;

/** The settings valid on a day: the last ones starting on or before it. */
export async function settingsOn(db: Database | Tx, day: string): Promise<FundSettings | undefined> {
  const [row] = await queryRows<FundSettings>(db, sql`
    select ${settingsColumns} from fund_settings where valid_from <= ${day}::date order by valid_from desc limit 1`);
  return row;
}

export function allSettings(db: Database | Tx): Promise<FundSettings[]> {
  return queryRows<FundSettings>(db, sql`select ${settingsColumns} from fund_settings order by valid_from`);
}

/** The exception (reduced rate or per-head amount) valid for an enterprise in a month, the latest approved first. */
export async function exceptionFor(db: Database | Tx, enterpriseId: number, period: string): Promise<RateException | null> {
  const [row] = await queryRows<RateException>(db, sql`
    select kind, rate_bp as "rateBp", per_head_fen::float8 as "perHeadFen" from fund_rate_exceptions
     where enterprise_id = ${enterpriseId} and valid_from <= ${period} and valid_to >= ${period}
     order by id desc limit 1`);
  return row ?? null;
}

export interface ArrearsRow {
  enterprise_id: number;
  name: string;
  credit_code: string;
  assessed: number;
  paid: number;
  oldest: string;
  steps: string[] | null;
  total: number;
}

/**
 * Enterprises of a subtree that owe funds: current assessments minus every payment, payments settling the oldest
 * months first (the oldest month whose running total exceeds what was paid is the oldest unpaid). Most overdue first.
 */
export async function arrearsRows(db: Database | Tx, scope: Scope, path: string, limit: number, offset: number, enterpriseId?: number): Promise<ArrearsRow[]> {
  const rows = await queryRows<Omit<ArrearsRow, 'assessed' | 'paid'> & { assessed: string; paid: string }>(db, sql`
    with a as (
      select fa.enterprise_id, fa.period, fa.assessment_fen
        from fund_assessments fa join enterprises e on e.id = fa.enterprise_id
       where fa.replaced_by_id is null and e.org_path <@ ${path}::ltree and ${withinScope(scope, sql`e.org_path`)}
         ${enterpriseId ? sql`and e.id = ${enterpriseId}` : sql``}),
    tot as (select enterprise_id, sum(assessment_fen) as assessed from a group by 1),
    paid as (select r.enterprise_id, sum(r.amount_fen) as paid from fund_receipts r join tot using (enterprise_id) group by 1),
    cum as (select enterprise_id, period, sum(assessment_fen) over (partition by enterprise_id order by period) as c from a),
    owing as (
      select tot.enterprise_id, tot.assessed, coalesce(paid.paid, 0) as paid,
             (select min(cum.period) from cum where cum.enterprise_id = tot.enterprise_id and cum.c > coalesce(paid.paid, 0)) as oldest
        from tot left join paid using (enterprise_id)
       where tot.assessed > coalesce(paid.paid, 0))
    select o.enterprise_id, e.name, e.credit_code, o.assessed::text as assessed, o.paid::text as paid, o.oldest,
           (select array_agg(d.step order by d.id) from dunning_steps d where d.enterprise_id = o.enterprise_id) as steps,
           count(*) over ()::int as total
      from owing o join enterprises e on e.id = o.enterprise_id
     order by o.oldest, o.assessed - o.paid desc, o.enterprise_id
     limit ${limit} offset ${offset}`);
  // an enterprise's sums are checked (fen-figures.ts): past 2^53 − 1 fen a 422, never a rounded figure
  return rows.map((r) => ({ ...r, assessed: fenFigure(r.assessed, 'assessedFen'), paid: fenFigure(r.paid, 'paidFen') }));
}
