/**
 * The union-building campaign (建会攻坚): the worklist of uncovered target enterprises, their stages, the
 * union that ends the campaign for an enterprise, and the two legal letters for one that refuses.
 */
import { desc, eq, sql } from 'drizzle-orm';
import { campaignItems, enterpriseEvents, enterpriseLetters, orgs, queryRows, users, type Tx } from '@lianxin/db';
import {
  rolesWith, shanghaiDate, type CampaignHistory, type CampaignUpdate, type EnterpriseEvent, type Letter, type LetterKind, type Paged,
  type WorklistItem, type worklistQuerySchema,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { AppError, fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { coverEnterprise, insertOrg } from '../orgs/orgs.service.ts';
import { campaignEnterprise, worklist, type CampaignEnterprise } from './campaign.repo.ts';
import { letterPdfCache } from './letter-cache.ts';
import type { LetterInput } from './letters.pdf.ts';
import { tasksOfEnterprise } from './santongshi.service.ts';

export async function getWorklist(ctx: ServiceContext, query: z.output<typeof worklistQuerySchema>): Promise<Paged<WorklistItem>> {
  if (ctx.scope.kind !== 'subtree') throw notFound();
  const org = await findOrg(ctx.db, ctx.scope, query.orgId ?? ctx.scope.rootOrgId);
  if (!org) throw notFound();
  return worklist(ctx.db, ctx.scope, org.path, query);
}

/** An assignee must hold `campaign.assignee` (staff, not a member or an assessor) at a unit inside the writer's scope. */
async function checkAssignee(tx: Tx, scopePath: string, userId: number) {
  const [row] = await queryRows<{ id: number }>(tx, sql`
    select u.id from users u join orgs o on o.id = u.org_id
     where u.id = ${userId} and not u.disabled and u.role = any(${sql.param([...rolesWith('campaign.assignee')])}::text[]) and o.path <@ ${scopePath}::ltree`);
  if (!row) throw fieldError('assigneeId', 'campaign.assigneeInvalid');
}

async function addEvent(tx: Tx, ctx: ServiceContext, enterprise: { enterpriseId: number; orgPath: string }, kind: EnterpriseEvent['kind'], detail: Record<string, unknown>) {
  await tx.insert(enterpriseEvents).values({
    enterpriseId: enterprise.enterpriseId, orgPath: enterprise.orgPath, kind, detail, userId: ctx.actor.userId,
  });
}

/**
 * Moves an enterprise along the campaign. Marking it 已建会 links its union in the same transaction (an
 * existing union takes it into its coverage, or a new enterprise union is created), so it leaves the worklist
 * and the coverage figures change at once.
 */
export async function updateCampaignItem(ctx: ServiceContext, enterpriseId: number, update: CampaignUpdate): Promise<CampaignHistory> {
  const scope = writeScope(ctx.scope);
  if (update.stage === 'built' && !update.union) throw fieldError('union', 'campaign.unionRequired');
  if (update.union && update.stage !== 'built') throw fieldError('union', 'campaign.unionOnlyWhenBuilt');
  await ctx.db.transaction(async (tx) => {
    const current = await campaignEnterprise(tx, scope, enterpriseId, true);
    if (!current) throw notFound();
    if (!current.isTarget || current.unionStatus !== 'none') throw new AppError('conflict', 409, 'campaign.notOnWorklist');
    if (update.assigneeId) await checkAssignee(tx, scope.path, update.assigneeId);

    let unionId: number | null = null;
    if (update.union?.mode === 'existing') {
      unionId = (await coverEnterprise(tx, ctx, update.union.orgId, enterpriseId)).id;
    } else if (update.union?.mode === 'new') {
      unionId = await insertOrg(tx, ctx, {
        parentId: update.union.parentId,
        kind: 'enterprise_union',
        name: update.union.name,
        regionCode: current.regionCode,
        chairName: update.union.chairName ?? null,
        establishedOn: update.union.establishedOn ?? shanghaiDate(),
        coveredEnterpriseIds: [enterpriseId],
      });
    }

    const values = {
      ...(update.stage !== undefined ? { stage: update.stage } : {}),
      ...(update.assigneeId !== undefined ? { assigneeId: update.assigneeId } : {}),
      ...(update.nextFollowUpOn !== undefined ? { nextFollowUpOn: update.nextFollowUpOn } : {}),
      ...(update.notes !== undefined ? { notes: update.notes } : {}),
      updatedBy: ctx.actor.userId,
      updatedAt: sql`now()`,
    };
    await tx.insert(campaignItems).values({ enterpriseId, ...values })
      .onConflictDoUpdate({ target: campaignItems.enterpriseId, set: values });
    if (update.stage !== undefined && update.stage !== current.stage) {
      await addEvent(tx, ctx, current, 'stage', { from: current.stage, to: update.stage, ...(unionId ? { unionId } : {}) });
    }
    if (update.notes !== undefined && update.notes !== current.notes && update.notes !== '') {
      await addEvent(tx, ctx, current, 'note', { text: update.notes });
    }
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'campaign_item', objectId: enterpriseId, orgPath: current.orgPath,
      detail: { fields: Object.keys(update), ...(update.stage ? { stage: update.stage } : {}), ...(unionId ? { unionId } : {}) },
    });
  });
  return getCampaignHistory(ctx, enterpriseId);
}

export async function getCampaignHistory(ctx: ServiceContext, enterpriseId: number): Promise<CampaignHistory> {
  const item = await campaignEnterprise(ctx.db, ctx.scope, enterpriseId);
  if (!item) throw notFound();
  const [events, letters, tasks] = await Promise.all([
    ctx.db
      .select({ event: enterpriseEvents, by: users.displayName })
      .from(enterpriseEvents)
      .leftJoin(users, eq(users.id, enterpriseEvents.userId))
      .where(eq(enterpriseEvents.enterpriseId, enterpriseId))
      .orderBy(desc(enterpriseEvents.createdAt), desc(enterpriseEvents.id)),
    lettersOf(ctx, enterpriseId),
    tasksOfEnterprise(ctx.db, enterpriseId),
  ]);
  return {
    item: toWorklistItem(item),
    events: events.map(({ event, by }) => ({
      id: event.id, kind: event.kind, at: new Date(event.createdAt).toISOString(), by, detail: event.detail,
    })),
    letters,
    tasks,
  };
}

function toWorklistItem(e: CampaignEnterprise): WorklistItem {
  const { orgPath: _path, address: _address, isTarget: _target, unionStatus: _status, ...item } = e;
  return item;
}

// ---- letters (两书) ---------------------------------------------------------------------------------------------

async function lettersOf(ctx: ServiceContext, enterpriseId: number): Promise<Letter[]> {
  const rows = await ctx.db
    .select({ letter: enterpriseLetters, issuerName: orgs.name })
    .from(enterpriseLetters)
    .innerJoin(orgs, eq(orgs.id, enterpriseLetters.issuerOrgId))
    .where(eq(enterpriseLetters.enterpriseId, enterpriseId))
    .orderBy(desc(enterpriseLetters.id));
  return rows.map(({ letter, issuerName }) => ({
    id: letter.id,
    kind: letter.kind,
    documentNumber: letter.documentNumber,
    issuedOn: String(letter.content.issuedOn ?? ''),
    issuer: { id: letter.issuerOrgId, name: issuerName },
  }));
}

/** The territorial union above the enterprise's responsible union (street first): it issues the letters. */
async function issuerOf(tx: Tx, orgPath: string) {
  const [row] = await queryRows<{ id: number; name: string }>(tx, sql`
    select id, name from orgs
     where id = any(string_to_array(${orgPath}, '.')::int[])
       and kind in ('street_federation', 'district_federation', 'city_federation')
     order by nlevel(path) desc limit 1`);
  if (!row) throw notFound();
  return row;
}

/** e.g. "顾村工监〔2026〕3号": the issuer's short name, the year and the issuer's running number that year. */
function documentNumber(issuerName: string, year: string, seq: number) {
  const short = issuerName.replace(/^.{2,3}?[区县]/, '').replace(/(总工会|工会)$/, '').replace(/[镇街道]+$/, '').slice(0, 4) || issuerName.slice(0, 2);
  return `${short}工监〔${year}〕${seq}号`;
}

/** Issues one of the two letters to an enterprise that refuses; kept in its history. */
export async function issueLetter(ctx: ServiceContext, enterpriseId: number, kind: LetterKind, deadlineDays: number): Promise<Letter> {
  const scope = writeScope(ctx.scope);
  const id = await ctx.db.transaction(async (tx) => {
    const e = await campaignEnterprise(tx, scope, enterpriseId, true);
    if (!e) throw notFound();
    if (e.stage !== 'refused') throw new AppError('conflict', 409, 'campaign.lettersNeedRefusal');
    const issuer = await issuerOf(tx, e.orgPath);
    const issuedOn = shanghaiDate();
    // one running number per issuer and year, drawn under a lock so two letters never share it
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('letters'), ${issuer.id})`);
    const [count] = await queryRows<{ n: number }>(tx, sql`
      select count(*)::int as n from enterprise_letters
       where issuer_org_id = ${issuer.id} and content->>'issuedOn' like ${`${issuedOn.slice(0, 4)}-%`}`);
    const number = documentNumber(issuer.name, issuedOn.slice(0, 4), (count?.n ?? 0) + 1);
    const content: LetterInput = {
      kind,
      documentNumber: number,
      issuedOn,
      issuer: { name: issuer.name },
      enterprise: {
        name: e.name, creditCode: e.creditCode, address: e.address, employeeCount: e.employeeCount, workersJoinedOutside: e.workersJoinedOutside,
      },
      deadlineDays,
    };
    const [row] = await tx.insert(enterpriseLetters).values({
      enterpriseId, kind, documentNumber: number, issuerOrgId: issuer.id, content: { ...content }, createdBy: ctx.actor.userId,
    }).returning({ id: enterpriseLetters.id });
    if (!row) throw new Error('insert returned no row');
    await addEvent(tx, ctx, e, 'letter', { letterId: row.id, kind, documentNumber: number });
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'enterprise_letter', objectId: row.id, orgPath: e.orgPath, detail: { enterpriseId, kind, documentNumber: number },
    });
    return row.id;
  });
  const letter = (await lettersOf(ctx, enterpriseId)).find((l) => l.id === id);
  if (!letter) throw notFound();
  return letter;
}

/** The PDF of an issued letter, rendered from what was printed on it the first time it is asked for, then cached. */
export async function letterPdf(ctx: ServiceContext, letterId: number): Promise<{ file: Buffer; filename: string }> {
  const [row] = await ctx.db
    .select({ letter: enterpriseLetters })
    .from(enterpriseLetters)
    .where(eq(enterpriseLetters.id, letterId));
  // readable by whoever may read the enterprise now
  if (!row || !(await campaignEnterprise(ctx.db, ctx.scope, row.letter.enterpriseId))) throw notFound();
  const content = row.letter.content as unknown as LetterInput;
  const { file } = await letterPdfCache.get(content);
  return { file, filename: `${content.enterprise.name}-${row.letter.documentNumber}.pdf` };
}
