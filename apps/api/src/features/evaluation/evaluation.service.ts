/**
 * The yearly evaluation of a union (年度评估, DOMAIN.md §6; 长白's four quarters): 会员评家 (one rating per member
 * and year, unique index), 工会自查 against the indicator set (contracts `defaultIndicatorSet`, 5 areas / 19
 * items), 上级抽查 (a seeded random sample of a district's grassroots unions, seed recorded, scored by checkers
 * holding `evaluation.check`), 第三方评审 (scores and report by `evaluation.assess`). The combined score and the
 * stars are pure functions (contracts congress-rules.ts); the service part (on-time share and satisfaction of the
 * union's own service requests resolved that year, 机制二) enters it with weight 0.1 when there is one. Chair allowances and incentive grants follow from the
 * stars; a unit's incentive grant is posted to the funds ledger once per year (postIncentiveGrant).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { queryRows, type Tx } from '@lianxin/db';
import {
  combinedScore, drawSample, grantYearFen, indicatorItems, memberRatingQuestions, memberRatingScore, serviceScore, shanghaiDate, starsOf,
  type Evaluation, type EvaluationPart, type EvaluationSummary, type RatingQuestion, type RatingQuestionSet,
} from '@lianxin/contracts';
import { requireCapability, withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { conflict, fieldError, forbidden, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { postEntry } from '../funds/ledger.repo.ts';
import { issuerOf } from '../rights/rights.shared.ts';

const grantKey = (year: number, orgId: number) => `evaluation-grant:${year}:${orgId}`;

/** The unit's posted incentive grant of the year (its ledger entry, found by the idempotency key), or null. */
async function grantPosting(db: ServiceContext['db'] | Tx, year: number, orgId: number) {
  const [row] = await queryRows<{ entryId: number; period: string; amountFen: number; grantorOrgId: number }>(db, sql`
    select e.id::int as "entryId", e.period, l.credit_fen::float8 as "amountFen", l.counterparty_org_id as "grantorOrgId"
      from journal_entries e join journal_lines l on l.entry_id = e.id and l.org_id = ${orgId} and l.account_code = '40301'
     where e.idempotency_key = ${grantKey(year, orgId)}`);
  return row ? { ...row, amountFen: Number(row.amountFen) } : null;
}

/**
 * Posts a unit's 星级 incentive grant for a year to the funds ledger (机制四), once per unit and year: the idempotency
 * key `evaluation-grant:<year>:<orgId>` makes a repeat answer the first posting. The territorial union above the
 * unit (street first) pays: it debits 506 补助下级支出 and credits 102 银行存款; the unit debits 102 and credits
 * 40301 上级补助收入 — each union's lines balance (the ledger's LF002 check at commit). Amount: 12 × the monthly
 * rate of its stars (contracts INCENTIVE_GRANT_MONTHLY_FEN, 长宁 300–800 yuan), whole fen, no rounding.
 * @throws 404 unit outside the scope; 403 the paying union outside the actor's write scope; 409 `evaluation.noGrant`
 */
export async function postIncentiveGrant(ctx: ServiceContext, year: number, orgId: number): Promise<Evaluation> {
  const scope = writeScope(ctx.scope);
  const evaluation = await getEvaluation(ctx, year, orgId);
  if (evaluation.ledgerPosting) return evaluation;
  const amountFen = evaluation.stars === null ? 0 : grantYearFen(evaluation.stars);
  if (amountFen <= 0) throw conflict('evaluation.noGrant', {}, {});
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, orgId);
    if (!org) throw notFound();
    const grantor = await issuerOf(tx, org.path);
    if (grantor.id === org.id) throw conflict('evaluation.noGrant', {}, {});
    const [grantorRow] = await queryRows<{ path: string }>(tx, sql`select path::text as path from orgs o where o.id = ${grantor.id} and ${withinScope(scope, sql`o.path`)}`);
    if (!grantorRow) throw forbidden();
    // one posting per unit and year even when two clicks race: the key's unique index decides, the loser re-reads
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${grantKey(year, orgId)}))`);
    if (await grantPosting(tx, year, orgId)) return;
    const today = shanghaiDate();
    await postEntry(tx, {
      idempotencyKey: grantKey(year, orgId), period: today.slice(0, 7), postedOn: today, kind: 'adjustment',
      memo: `${year}年度星级工会激励奖补（${evaluation.stars}星）`, createdBy: ctx.actor.userId,
      lines: [
        { orgId: grantor.id, orgPath: grantorRow.path, account: '506', debitFen: amountFen, counterpartyOrgId: org.id },
        { orgId: grantor.id, orgPath: grantorRow.path, account: '102', creditFen: amountFen, counterpartyOrgId: org.id },
        { orgId: org.id, orgPath: org.path, account: '102', debitFen: amountFen, counterpartyOrgId: grantor.id },
        { orgId: org.id, orgPath: org.path, account: '40301', creditFen: amountFen, counterpartyOrgId: grantor.id },
      ],
    });
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'evaluation_grant', objectId: org.id, orgPath: org.path, detail: { year, stars: evaluation.stars, amountFen } });
  });
  return getEvaluation(ctx, year, orgId);
}

interface ServiceFigures { resolved: number; onTime: number; rated: number; ratingSum: number }

/**
 * The service part's figures (机制二): the union's own requests (`org_id`, the receiving union) resolved in the
 * year by their Asia/Shanghai day of resolution — how many, how many on time, how many rated and the ratings' sum.
 * Keyed by org id; `orgIds` limits it (a summary's evaluated units).
 */
async function serviceFigures(db: ServiceContext['db'], year: number, orgIds: number[]): Promise<Map<number, ServiceFigures>> {
  const byOrg = new Map<number, ServiceFigures>();
  if (orgIds.length === 0) return byOrg;
  const rows = await queryRows<ServiceFigures & { org_id: number }>(db, sql`
    select org_id, count(*)::int as resolved, count(*) filter (where on_time)::int as "onTime", count(rating)::int as rated,
           coalesce(sum(rating), 0)::int as "ratingSum"
      from service_requests
     where org_id = any(${sql.param(orgIds)}::int[]) and resolved_on >= ${`${year}-01-01`}::date and resolved_on <= ${`${year}-12-31`}::date
     group by org_id`);
  for (const r of rows) byOrg.set(r.org_id, r);
  return byOrg;
}

/** The service part of one union: its figures as rates and the 0–100 score (null without resolved requests). */
function servicePart(f: ServiceFigures | undefined) {
  if (!f || f.resolved === 0) return { score: null, resolved: 0, onTimeRate: null, satisfaction: null };
  const onTimeRate = f.onTime / f.resolved;
  const satisfaction = f.rated > 0 ? f.ratingSum / f.rated : null;
  return { score: serviceScore(onTimeRate, satisfaction), resolved: f.resolved, onTimeRate, satisfaction };
}

/** Units a spot check draws from: the grassroots unions and federations below the street level. */
const SAMPLED_KINDS_EXCLUDED = ['city_federation', 'district_federation', 'industry_union', 'street_federation', 'branch_union'];

export async function getEvaluation(ctx: ServiceContext, year: number, orgId: number): Promise<Evaluation> {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  const [ratings] = await queryRows<{ n: number; total: number; answers: number }>(ctx.db, sql`
    select count(*)::int as n, coalesce(sum((select sum(a) from unnest(r.answers) a)), 0)::int as total,
           coalesce(sum(cardinality(r.answers)), 0)::int as answers
      from evaluation_ratings r where r.org_id = ${orgId} and r.year = ${year}`);
  const scores = await queryRows<{ part: EvaluationPart; score: number; report: string; items: { code: string; score: number; evidence: string }[] }>(ctx.db, sql`
    select part, score, report, items from evaluation_scores where org_id = ${orgId} and year = ${year}`);
  const [sampled] = await queryRows<{ ok: number }>(ctx.db, sql`
    select 1 as ok from evaluation_samples where year = ${year} and ${orgId} = any(org_ids) limit 1`);
  const part = (p: EvaluationPart) => scores.find((s) => s.part === p);
  const members = memberRatingScore(ratings!.total, ratings!.answers);
  const self = part('selfCheck');
  const spot = part('spotCheck');
  const third = part('thirdParty');
  const services = servicePart((await serviceFigures(ctx.db, year, [orgId])).get(orgId));
  const combined = combinedScore({ members, selfCheck: self?.score ?? null, spotCheck: spot?.score ?? null, thirdParty: third?.score ?? null, services: services.score });
  return {
    org: { id: org.id, name: org.name },
    year,
    parts: {
      members: { score: members, ratings: ratings!.n },
      selfCheck: { score: self?.score ?? null, items: self?.items ?? [] },
      spotCheck: { sampled: sampled !== undefined, score: spot?.score ?? null, report: spot?.report ?? '' },
      thirdParty: { score: third?.score ?? null, report: third?.report ?? '' },
      services,
    },
    combined,
    stars: combined === null ? null : starsOf(combined),
    ledgerPosting: await grantPosting(ctx.db, year, orgId),
  };
}

// ---- 会员评家 questions ----------------------------------------------------------------------------------------

const builtInQuestions: RatingQuestion[] = memberRatingQuestions.map((q) => ({ code: q.code, zh: q.zh, en: q.en }));
/** Questions and rating changes of one year meet one after the other (the rating takes it shared). */
const questionsLock = (tx: Tx, year: number, shared: boolean) =>
  tx.execute(sql`select ${shared ? sql`pg_advisory_xact_lock_shared` : sql`pg_advisory_xact_lock`}(hashtext('evaluation_questions'), ${year})`);

/** The questions that apply to a unit in a year: its own, else the nearest unit's above (the city's), else the built-in set. */
async function questionsFor(db: ServiceContext['db'] | Tx, year: number, orgPath: string): Promise<Omit<RatingQuestionSet, 'frozen'>> {
  const [row] = await queryRows<{ questions: string[]; id: number; name: string }>(db, sql`
    select q.questions, o.id, o.name from evaluation_questions q join orgs o on o.id = q.org_id
     where q.year = ${year} and o.path @> ${orgPath}::ltree order by nlevel(o.path) desc limit 1`);
  if (!row) return { year, questions: builtInQuestions, source: null };
  // a union writes its questions once, in its own words: both languages show them
  return { year, questions: row.questions.map((q, i) => ({ code: `q${i + 1}`, zh: q, en: q })), source: { id: row.id, name: row.name } };
}

/** Whether ratings of the year are in below the unit (its questions, and a default it sets, are frozen then). */
async function ratedBelow(db: ServiceContext['db'] | Tx, year: number, orgPath: string): Promise<boolean> {
  const [row] = await queryRows<{ ok: number }>(db, sql`
    select 1 as ok from evaluation_ratings where year = ${year} and org_path <@ ${orgPath}::ltree limit 1`);
  return row !== undefined;
}

/** The 会员评家 questions that apply to a union in a year, for its staff. */
export async function ratingQuestions(ctx: ServiceContext, year: number, orgId: number): Promise<RatingQuestionSet> {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  return { ...(await questionsFor(ctx.db, year, org.path)), frozen: await ratedBelow(ctx.db, year, org.path) };
}

/**
 * A union (or the city, as the default of every union without its own) sets its 会员评家 questions for a year;
 * 409 `evaluation.questionsFrozen` once any member below it has rated that year.
 */
export async function setRatingQuestions(ctx: ServiceContext, year: number, input: { orgId: number; questions: string[] }): Promise<RatingQuestionSet> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    await questionsLock(tx, year, false);
    if (await ratedBelow(tx, year, org.path)) throw conflict('evaluation.questionsFrozen', {}, {});
    await tx.execute(sql`
      insert into evaluation_questions (org_id, year, questions, set_by) values (${org.id}, ${year}, ${JSON.stringify(input.questions)}::jsonb, ${ctx.actor.userId})
      on conflict (org_id, year) do update set questions = excluded.questions, set_by = excluded.set_by, updated_at = now()`);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'evaluation_questions', objectId: org.id, orgPath: org.path, detail: { year, questions: input.questions } });
  });
  return ratingQuestions(ctx, year, input.orgId);
}

/** The questions the signed-in member answers for their union this year. */
export async function myRatingQuestions(ctx: ServiceContext, year: number): Promise<RatingQuestionSet> {
  const memberId = ctx.actor.memberId;
  if (memberId === null) throw notFound();
  const [member] = await queryRows<{ org_path: string }>(ctx.db, sql`select org_path::text as org_path from members where id = ${memberId} and status = 'active'`);
  if (!member) throw notFound();
  return { ...(await questionsFor(ctx.db, year, member.org_path)), frozen: true };
}

/**
 * 会员评家: the signed-in member rates their union for the current (Asia/Shanghai) year, once, answering each of the
 * year's questions for that union.
 */
export async function rateUnion(ctx: ServiceContext, year: number, answers: number[]): Promise<void> {
  const memberId = ctx.actor.memberId;
  if (memberId === null) throw notFound();
  if (year !== Number(shanghaiDate().slice(0, 4))) throw fieldError('year', 'evaluation.year');
  const [member] = await queryRows<{ org_id: number; org_path: string }>(ctx.db, sql`
    select org_id, org_path::text as org_path from members where id = ${memberId} and status = 'active'`);
  if (!member) throw notFound();
  try {
    await ctx.db.transaction(async (tx) => {
      await questionsLock(tx, year, true);
      const { questions } = await questionsFor(tx, year, member.org_path);
      if (answers.length !== questions.length) throw fieldError('answers', 'evaluation.answerCount');
      await tx.execute(sql`
        insert into evaluation_ratings (year, member_id, org_id, org_path, answers)
        values (${year}, ${memberId}, ${member.org_id}, ${member.org_path}::ltree, ${sql.param(answers)}::integer[])`);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('evaluation.alreadyRated', {}, {});
    throw error;
  }
}

async function upsertScore(tx: Tx, ctx: ServiceContext, year: number, org: { id: number; path: string }, part: EvaluationPart,
  score: number, report: string, items: { code: string; score: number; evidence: string }[] = []) {
  await tx.execute(sql`
    insert into evaluation_scores (year, org_id, org_path, part, score, report, items, entered_by)
    values (${year}, ${org.id}, ${org.path}::ltree, ${part}, ${score}, ${report}, ${JSON.stringify(items)}::jsonb, ${ctx.actor.userId})
    on conflict (org_id, year, part) do update set score = excluded.score, report = excluded.report, items = excluded.items,
      entered_by = excluded.entered_by, updated_at = now()`);
  await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'evaluation', objectId: org.id, orgPath: org.path, detail: { year, part, score } });
}

/** 工会自查: item scores (each at most the item's points) against the default indicator set; the sum is the part's score. */
export async function saveSelfCheck(ctx: ServiceContext, year: number, input: { orgId: number; items: { code: string; score: number; evidence: string }[] }): Promise<Evaluation> {
  const scope = writeScope(ctx.scope);
  input.items.forEach((item, i) => {
    const indicator = indicatorItems.find((x) => x.code === item.code);
    if (!indicator) throw fieldError(`items.${i}.code`, 'evaluation.unknownItem');
    if (item.score > indicator.points) throw fieldError(`items.${i}.score`, 'evaluation.itemPoints');
  });
  if (new Set(input.items.map((i) => i.code)).size !== input.items.length) throw fieldError('items', 'evaluation.unknownItem');
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    const total = Math.round(input.items.reduce((s, i) => s + i.score, 0) * 10) / 10;
    await upsertScore(tx, ctx, year, org, 'selfCheck', total, '', input.items);
  });
  return getEvaluation(ctx, year, input.orgId);
}

/**
 * 上级抽查: draws `size` grassroots units of a district (active, below its streets) with a seeded shuffle; the
 * seed is recorded, so the draw can be repeated and checked (drawSample in contracts). One draw per district and year.
 */
export async function drawDistrictSample(ctx: ServiceContext, year: number, input: { districtOrgId: number; size: number; seed?: string | undefined }) {
  const scope = writeScope(ctx.scope);
  const org = await findOrg(ctx.db, scope, input.districtOrgId);
  if (!org) throw notFound();
  if (org.kind !== 'district_federation') throw fieldError('districtOrgId', 'evaluation.notDistrict');
  const candidates = await queryRows<{ id: number }>(ctx.db, sql`
    select id from orgs where path <@ ${org.path}::ltree and status = 'active'
       and kind <> all(${sql.param(SAMPLED_KINDS_EXCLUDED)}::text[])`);
  const seed = input.seed ?? randomBytes(8).toString('hex');
  const orgIds = drawSample(candidates.map((c) => c.id), input.size, seed);
  try {
    await ctx.db.transaction(async (tx) => {
      await tx.execute(sql`
        insert into evaluation_samples (year, district_org_id, org_path, seed, size, org_ids, drawn_by)
        values (${year}, ${org.id}, ${org.path}::ltree, ${seed}, ${input.size}, ${sql.param(orgIds)}::integer[], ${ctx.actor.userId})`);
      await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'evaluation_sample', objectId: org.id, orgPath: org.path, detail: { year, seed, size: input.size, drawn: orgIds.length } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict('evaluation.sampleExists', {}, {});
    throw error;
  }
  return { districtOrgId: org.id, year, seed, size: input.size, orgIds };
}

/** A checker (grant `checker`, capability `evaluation.check`) scores a unit drawn in its district's sample. */
export async function saveSpotCheck(ctx: ServiceContext, year: number, input: { orgId: number; score: number; report: string }): Promise<Evaluation> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    requireCapability(ctx.actor, 'evaluation.check', org.path);
    // 上级抽查 is the level above checking: nobody scores the union they work for (or belong to as a member)
    if (org.id === ctx.actor.orgId) throw conflict('evaluation.ownUnit', {}, {});
    if (ctx.actor.memberId !== null) {
      const [own] = await queryRows<{ ok: number }>(tx, sql`select 1 as ok from members where id = ${ctx.actor.memberId} and org_id = ${org.id}`);
      if (own) throw conflict('evaluation.ownUnit', {}, {});
    }
    const [sampled] = await queryRows<{ ok: number }>(tx, sql`select 1 as ok from evaluation_samples where year = ${year} and ${org.id} = any(org_ids) limit 1`);
    if (!sampled) throw conflict('evaluation.notSampled', {}, {});
    await upsertScore(tx, ctx, year, org, 'spotCheck', input.score, input.report);
  });
  return getEvaluation(ctx, year, input.orgId);
}

/** 第三方评审: the assessor's score and report (capability `evaluation.assess`). */
export async function saveThirdParty(ctx: ServiceContext, year: number, input: { orgId: number; score: number; report: string }): Promise<Evaluation> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, input.orgId);
    if (!org) throw notFound();
    requireCapability(ctx.actor, 'evaluation.assess', org.path);
    await upsertScore(tx, ctx, year, org, 'thirdParty', input.score, input.report);
  });
  return getEvaluation(ctx, year, input.orgId);
}

/**
 * Every evaluated union of a subtree (in the actor's scope) with its combined score and stars for a year, best
 * first: the evaluation summary's units, and the stars the funds' chair allowances read (all of them, no page).
 */
export async function evaluatedUnits(ctx: ServiceContext, year: number, path: string) {
  const rows = await queryRows<{ id: number; name: string; path: string; total: number | null; answers: number | null; n: number; self: number | null; spot: number | null; third: number | null }>(ctx.db, sql`
    with r as (select org_id, count(*)::int as n, sum((select sum(a) from unnest(answers) a))::int as total, sum(cardinality(answers))::int as answers
                 from evaluation_ratings where year = ${year} and org_path <@ ${path}::ltree group by org_id),
         s as (select org_id, max(score) filter (where part = 'selfCheck') as self, max(score) filter (where part = 'spotCheck') as spot,
                      max(score) filter (where part = 'thirdParty') as third
                 from evaluation_scores where year = ${year} and org_path <@ ${path}::ltree group by org_id)
    select o.id, o.name, o.path::text as path, r.total, r.answers, coalesce(r.n, 0) as n, s.self, s.spot, s.third
      from orgs o left join r on r.org_id = o.id left join s on s.org_id = o.id
     where (r.org_id is not null or s.org_id is not null) and ${withinScope(ctx.scope, sql`o.path`)}`);
  // the service part counts for units evaluated on the other parts; it does not by itself make a unit "evaluated"
  const services = await serviceFigures(ctx.db, year, rows.map((r) => r.id));
  const units = rows.map((r) => {
    const combined = combinedScore({
      members: memberRatingScore(r.total ?? 0, r.answers ?? 0), selfCheck: r.self, spotCheck: r.spot, thirdParty: r.third, services: servicePart(services.get(r.id)).score,
    })!;
    return { id: r.id, name: r.name, path: r.path, combined, stars: starsOf(combined) };
  }).sort((a, b) => b.combined - a.combined || a.id - b.id);
  return { units, rows };
}

/**
 * The evaluation figures of a unit's subtree: each evaluated union's combined score and stars (the same pure
 * functions as one union's evaluation), counted by stars, with ratings, sampled and spot-checked units. Computed
 * from the base tables on each call: a year has at most a few thousand evaluated unions in the city.
 */
export async function evaluationSummary(ctx: ServiceContext, year: number, orgId: number): Promise<EvaluationSummary> {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  const { units, rows } = await evaluatedUnits(ctx, year, org.path);
  const [samples] = await queryRows<{ sampled: number }>(ctx.db, sql`
    select count(distinct u)::int as sampled from evaluation_samples sm, unnest(sm.org_ids) u join orgs o on o.id = u
     where sm.year = ${year} and o.path <@ ${org.path}::ltree`);
  const children = await queryRows<{ id: number; name: string }>(ctx.db, sql`
    select id, name from orgs where parent_id = ${org.id} and status <> 'dissolved' order by id limit 200`);
  // a unit below the org counts for the child whose id follows the org's own in its path (the org itself for none)
  const depth = org.path.split('.').length;
  const byChild = new Map<number, typeof units>(children.map((c) => [c.id, []]));
  for (const u of units) byChild.get(Number(u.path.split('.')[depth]))?.push(u);
  return {
    org: { id: org.id, name: org.name },
    year,
    ...starFigures(units),
    children: children.map((c) => ({ org: c, ...starFigures(byChild.get(c.id)!) })),
    ratings: rows.reduce((s, r) => s + r.n, 0),
    sampled: samples!.sampled,
    spotChecked: rows.filter((r) => r.spot !== null).length,
    units: units.slice(0, 200).map(({ path: _path, ...u }) => u),
  };
}

/** Evaluated units counted by stars (index 0 = 1 star) and their mean combined score (one decimal; null for none). */
function starFigures(units: readonly { combined: number; stars: number }[]) {
  const stars = [0, 0, 0, 0, 0];
  for (const u of units) stars[u.stars - 1]!++;
  const averageScore = units.length === 0 ? null : Math.round((units.reduce((s, u) => s + u.combined, 0) / units.length) * 10) / 10;
  return { evaluated: units.length, stars, averageScore };
}
