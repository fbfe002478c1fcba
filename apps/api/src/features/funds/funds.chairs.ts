/**
 * Union chairs' monthly allowances (长宁: 300–800 yuan a month by size and performance). The register is the unions
 * of a street federation's subtree with a chair (`orgs.chair_name`); each chair's amount follows from the union's
 * active members and its 星级 for the last finished year (the evaluation feature's stars; none → the base amount)
 * by the dated city setting valid on the month's first day (contracts chairAllowanceFen). The street pays: one
 * entry per union and month, Dr 506 补助下级支出 / Cr 102 at the street (counterparty the union), keyed
 * `chair-allowance:<orgId>:<month>`, so a rerun posts nothing new and a union added later is paid on the next run.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@lianxin/db';
import { chairAllowanceFen, shanghaiDate, type ChairAllowanceRun, type ChairAllowanceSettings, type ChairAllowanceSettingsInput } from '@lianxin/contracts';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { evaluatedUnits } from '../evaluation/evaluation.service.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { fenFigure, sumFen } from './fen-figures.ts';
import { ledgerErrorCode, postEntry, refuseFuturePeriod } from './ledger.repo.ts';

export const chairAllowanceKey = (orgId: number, period: string) => `chair-allowance:${orgId}:${period}`;

async function settingsFor(db: ServiceContext['db'] | Tx, period: string): Promise<ChairAllowanceSettings> {
  const [row] = await queryRows<ChairAllowanceSettings>(db, sql`
    select valid_from::text as "validFrom", base_fen::float8 as "baseFen", per_star_fen::float8 as "perStarFen", size_tiers as "sizeTiers", max_fen::float8 as "maxFen"
      from chair_allowance_settings where valid_from <= ${`${period}-01`}::date order by valid_from desc limit 1`);
  if (!row) throw fieldError('period', 'funds.noChairSettings');
  return row;
}

/** The street (in scope) and its unions' stars of the last finished year before the month (read outside a transaction). */
async function streetStars(ctx: ServiceContext, orgId: number, period: string) {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  if (org.kind !== 'street_federation') throw fieldError('orgId', 'funds.notStreet');
  const starsYear = Number(period.slice(0, 4)) - 1;
  const stars = new Map((await evaluatedUnits(ctx, starsYear, org.path)).units.map((u) => [u.id, u.stars]));
  return { org, starsYear, stars };
}

/** The register of a street's chairs with each one's amount for the month, and what is already posted. */
async function register(db: ServiceContext['db'] | Tx, street: Awaited<ReturnType<typeof streetStars>>, period: string) {
  const { org, starsYear, stars } = street;
  const settings = await settingsFor(db, period);
  const unions = await queryRows<{ id: number; name: string; chair: string; path: string; members: number; entry_id: number | null; posted_fen: string | null }>(db, sql`
    select o.id, o.name, o.chair_name as chair, o.path::text as path,
           (select count(*)::int from members m where m.org_id = o.id and m.status = 'active') as members,
           e.id::int as entry_id, (select sum(l.debit_fen)::text from journal_lines l where l.entry_id = e.id and l.account_code = '506') as posted_fen
      from orgs o left join journal_entries e on e.idempotency_key = 'chair-allowance:' || o.id || ':' || ${period}
     where o.path <@ ${org.path}::ltree and o.id <> ${org.id} and o.status <> 'dissolved' and coalesce(btrim(o.chair_name), '') <> ''
     order by o.id limit 5000`);
  const items = unions.map((u) => {
    const s = stars.get(u.id) ?? null;
    // a posted month keeps what it posted (a later change of members or stars does not rewrite it)
    const amountFen = u.posted_fen !== null ? fenFigure(u.posted_fen, 'amountFen') : chairAllowanceFen(settings, u.members, s);
    return { orgId: u.id, name: u.name, chairName: u.chair, members: u.members, stars: s, amountFen, entryId: u.entry_id, path: u.path };
  });
  return { org, starsYear, items };
}

const answer = (r: Awaited<ReturnType<typeof register>>, period: string, postedCount: number, postedFen: number): ChairAllowanceRun => ({
  org: { id: r.org.id, name: r.org.name }, period, starsYear: r.starsYear,
  items: r.items.map(({ path: _path, ...item }) => item),
  totalFen: sumFen(r.items.map((i) => i.amountFen), 'totalFen'), postedCount, postedFen,
});

/** The register with the month's amounts (nothing posted). */
export async function chairAllowances(ctx: ServiceContext, query: { orgId?: number | undefined; period: string }): Promise<ChairAllowanceRun> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const street = await streetStars(ctx, query.orgId ?? ctx.scope.rootOrgId, query.period);
  return answer(await register(ctx.db, street, query.period), query.period, 0, 0);
}

/** Posts the month's allowance of every chair not yet paid for it (one entry per union; a rerun posts nothing). */
export async function runChairAllowances(ctx: ServiceContext, input: { orgId: number; period: string }): Promise<ChairAllowanceRun> {
  writeScope(ctx.scope);
  const street = await streetStars(ctx, input.orgId, input.period);
  // a month not yet come is previewed (GET), never paid
  refuseFuturePeriod(input.period, 'posting');
  try {
    return await ctx.db.transaction(async (tx) => {
      // one run at a time per street and month
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`chair-allowance:${input.period}`}), ${input.orgId})`);
      // runs share the settings; a new setting waits for them (and they for it), so none starts before a posted month
      await tx.execute(sql`lock table chair_allowance_settings in share mode`);
      const r = await register(tx, street, input.period);
      const today = shanghaiDate();
      let postedCount = 0;
      let postedFen = 0;
      for (const item of r.items) {
        if (item.entryId !== null || item.amountFen <= 0) continue;
        const { entryId } = await postEntry(tx, {
          idempotencyKey: chairAllowanceKey(item.orgId, input.period), period: input.period, postedOn: today, kind: 'adjustment',
          memo: `${item.name} 工会主席津贴 ${input.period}（${item.stars === null ? '未评星' : `${item.stars}星`}，会员 ${item.members} 人）`,
          createdBy: ctx.actor.userId,
          lines: [
            { orgId: r.org.id, orgPath: r.org.path, account: '506', debitFen: item.amountFen, counterpartyOrgId: item.orgId },
            { orgId: r.org.id, orgPath: r.org.path, account: '102', creditFen: item.amountFen, counterpartyOrgId: item.orgId },
          ],
        });
        item.entryId = entryId;
        postedCount++;
        postedFen = sumFen([postedFen, item.amountFen], 'postedFen');
      }
      if (postedCount > 0) {
        await recordAudit(tx, ctx.actor, ctx.ip, {
          action: 'create', objectType: 'fund_chair_allowances', objectId: `${r.org.id}:${input.period}`, orgPath: r.org.path,
          detail: { period: input.period, unions: postedCount, amountFen: postedFen, starsYear: r.starsYear },
        });
      }
      return answer(r, input.period, postedCount, postedFen);
    });
  } catch (error) {
    if (ledgerErrorCode(error) === 'LF001') throw new AppError('conflict', 409, 'funds.periodClosed');
    throw error;
  }
}

/** The month of the latest posted chair allowance run (any street), null when none. */
async function latestPostedPeriod(db: ServiceContext['db'] | Tx): Promise<string | null> {
  const [row] = await queryRows<{ period: string | null }>(db, sql`
    select max(period) as period from journal_entries where idempotency_key like 'chair-allowance:%'`);
  return row?.period ?? null;
}

/** Every dated chair allowance setting, newest first (citywide), and the latest posted run's month. */
export async function listChairSettings(ctx: ServiceContext) {
  const items = await queryRows<ChairAllowanceSettings & { id: number }>(ctx.db, sql`
    select id, valid_from::text as "validFrom", base_fen::float8 as "baseFen", per_star_fen::float8 as "perStarFen", size_tiers as "sizeTiers", max_fen::float8 as "maxFen"
      from chair_allowance_settings order by valid_from desc limit 500`);
  return { items, latestPostedPeriod: await latestPostedPeriod(ctx.db) };
}

/**
 * Adds a dated setting (city staff): from today or later, and never before the month of the latest posted run, so
 * no posted month would read differently under the new setting (400 on validFrom; a second one on a date is 409).
 */
export async function addChairSettings(ctx: ServiceContext, input: ChairAllowanceSettingsInput) {
  const scope = writeScope(ctx.scope);
  if (input.validFrom < shanghaiDate()) throw fieldError('validFrom', 'funds.retroactive');
  const sizeTiers = [...input.sizeTiers].sort((a, b) => a.minMembers - b.minMembers);
  try {
    return await ctx.db.transaction(async (tx) => {
      // conflicts with the runs' share lock: no run posts between this check and the insert
      await tx.execute(sql`lock table chair_allowance_settings in share row exclusive mode`);
      const latest = await latestPostedPeriod(tx);
      if (latest !== null && input.validFrom < `${latest}-01`) throw fieldError('validFrom', 'funds.chairSettingsAfterRun');
      const [row] = await queryRows<{ id: number }>(tx, sql`
        insert into chair_allowance_settings (valid_from, base_fen, per_star_fen, size_tiers, max_fen, created_by)
        values (${input.validFrom}, ${input.baseFen}, ${input.perStarFen}, ${JSON.stringify(sizeTiers)}::jsonb, ${input.maxFen}, ${ctx.actor.userId}) returning id`);
      await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'chair_allowance_settings', objectId: row!.id, orgPath: scope.path, detail: { ...input, sizeTiers } });
      return { id: row!.id, ...input, sizeTiers };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw fieldError('validFrom', 'funds.settingsDuplicate', 409, 'conflict');
    throw error;
  }
}
