import { and, eq, inArray, sql } from 'drizzle-orm';
import { enterprises, findRegion, orgCoverage, orgMoves, orgs, queryRows, rewriteSubtreePaths, type Tx } from '@lianxin/db';
import {
  isMultiEnterpriseKind, maskPhone, type OrgCreate, type OrgDetail, type OrgUpdate,
} from '@lianxin/contracts';
import { withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { conflict, fieldError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import {
  ancestorsOf, coveredEnterprisesOf, findOrg, moveHistoryOf, orgRefs, orgSummary, reassignResponsibleOrg, type OrgRow,
} from './orgs.repo.ts';

export async function getOrgDetail(ctx: ServiceContext, id: number): Promise<OrgDetail> {
  const org = await findOrg(ctx.db, ctx.scope, id);
  const summary = org && (await orgSummary(ctx.db, ctx.scope, id));
  if (!org || !summary) throw notFound();
  const [ancestors, covered, moves] = await Promise.all([
    ancestorsOf(ctx.db, ctx.scope, org),
    coveredEnterprisesOf(ctx.db, id),
    moveHistoryOf(ctx.db, id),
  ]);
  const refIds = [org.parentId, ...moves.flatMap((m) => [m.fromParentId, m.toParentId])].filter((x): x is number => x !== null);
  const refs = new Map((await orgRefs(ctx.db, [...new Set(refIds)])).map((r) => [r.id, r]));
  if (org.contactPhoneEnc) {
    // the contact phone is personal data: its (masked) display is an access worth recording
    await recordAudit(ctx.db, ctx.actor, ctx.ip, {
      action: 'read_personal', objectType: 'org', objectId: id, orgPath: org.path, detail: { field: 'contactPhone' },
    });
  }
  return {
    ...summary,
    sector: org.sector,
    establishedOn: org.establishedOn,
    chairName: org.chairName,
    contactPhone: org.contactPhoneEnc ? maskPhone(ctx.cipher.decrypt(org.contactPhoneEnc)) : null,
    parent: org.parentId === null ? null : (refs.get(org.parentId) ?? null),
    ancestors,
    coveredEnterprises: covered,
    history: moves.map((m) => ({
      movedAt: new Date(m.movedAt).toISOString(),
      fromParent: m.fromParentId === null ? null : (refs.get(m.fromParentId) ?? null),
      toParent: refs.get(m.toParentId) ?? { id: m.toParentId, name: '' },
      byUser: m.byUser,
    })),
  };
}

/** Enterprises inside the scope among `ids`; any missing one is a 404 (outside scope reads as absent). */
async function scopedEnterprises(tx: Tx, ctx: ServiceContext, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await tx
    .select({ id: enterprises.id, name: enterprises.name })
    .from(enterprises)
    .where(and(inArray(enterprises.id, ids), withinScope(ctx.scope, enterprises.orgPath)));
  if (rows.length !== new Set(ids).size) throw notFound();
  return rows;
}

/** An enterprise union covers one enterprise that has no union of its own yet. */
async function checkEnterpriseUnionCoverage(tx: Tx, ids: number[], selfId: number | null) {
  if (ids.length !== 1) throw fieldError('coveredEnterpriseIds', 'org.enterpriseUnionNeedsOne');
  const [existing] = await tx
    .select({ id: orgs.id, name: orgs.name })
    .from(orgCoverage)
    .innerJoin(orgs, eq(orgs.id, orgCoverage.orgId))
    .where(
      and(
        eq(orgCoverage.enterpriseId, ids[0] ?? 0),
        eq(orgs.kind, 'enterprise_union'),
        sql`${orgs.status} <> 'dissolved'`,
        selfId === null ? sql`true` : sql`${orgs.id} <> ${selfId}`,
      ),
    );
  if (existing) {
    throw conflict('org.enterpriseHasOwnUnion', { name: existing.name }, { existingId: existing.id }, 'coveredEnterpriseIds');
  }
}

export async function createOrg(ctx: ServiceContext, input: OrgCreate): Promise<OrgDetail> {
  const id = await ctx.db.transaction((tx) => insertOrg(tx, ctx, input));
  return getOrgDetail(ctx, id);
}

/**
 * Creates a union under a parent inside the writer's scope, with the enterprises it covers, inside the
 * caller's transaction (the campaign links a new enterprise union this way). Returns its id.
 */
export async function insertOrg(tx: Tx, ctx: ServiceContext, input: OrgCreate): Promise<number> {
  const scope = writeScope(ctx.scope);
  if (input.kind === 'city_federation') throw fieldError('kind', 'org.parentInvalid');
  if (!findRegion(input.regionCode)) throw fieldError('regionCode', 'region.unknown');
  const coveredIds = [...new Set(input.coveredEnterpriseIds ?? [])];
  const parent = await findOrg(tx, scope, input.parentId);
  if (!parent) throw notFound();
  if (parent.status === 'dissolved') throw fieldError('parentId', 'org.parentInvalid');
  await scopedEnterprises(tx, ctx, coveredIds);
  if (input.kind === 'enterprise_union') await checkEnterpriseUnionCoverage(tx, coveredIds, null);
  const [next] = await queryRows<{ id: number }>(tx, sql`select nextval(pg_get_serial_sequence('orgs', 'id'))::int as id`);
  if (!next) throw new Error('no id from the orgs sequence');
  const newId = next.id;
  const path = `${parent.path}.${newId}`;
  await tx.insert(orgs).values({
    id: newId,
    parentId: parent.id,
    path,
    kind: input.kind,
    name: input.name,
    regionCode: input.regionCode,
    sector: input.sector ?? null,
    establishedOn: input.establishedOn ?? null,
    chairName: input.chairName ?? null,
    contactPhoneEnc: input.contactPhone ? ctx.cipher.encrypt(input.contactPhone) : null,
    status: input.status ?? 'active',
  });
  if (coveredIds.length > 0) {
    await tx.insert(orgCoverage).values(coveredIds.map((enterpriseId) => ({ orgId: newId, enterpriseId })));
    await reassignResponsibleOrg(tx, coveredIds);
  }
  await recordAudit(tx, ctx.actor, ctx.ip, {
    action: 'create', objectType: 'org', objectId: newId, orgPath: path,
    detail: { name: input.name, kind: input.kind, parentId: parent.id, coveredEnterpriseIds: coveredIds },
  });
  return newId;
}

export async function updateOrg(ctx: ServiceContext, id: number, patch: OrgUpdate): Promise<OrgDetail> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, id);
    if (!org) throw notFound();
    const { contactPhone, ...rest } = patch;
    await tx
      .update(orgs)
      .set({
        ...rest,
        ...(contactPhone !== undefined ? { contactPhoneEnc: contactPhone ? ctx.cipher.encrypt(contactPhone) : null } : {}),
        updatedAt: sql`now()`,
      })
      .where(eq(orgs.id, id));
    if (patch.status !== undefined && patch.status !== org.status) {
      const covered = await tx.select({ id: orgCoverage.enterpriseId }).from(orgCoverage).where(eq(orgCoverage.orgId, id));
      await reassignResponsibleOrg(tx, covered.map((c) => c.id));
    }
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'org', objectId: id, orgPath: org.path,
      detail: { fields: Object.keys(patch) },
    });
  });
  return getOrgDetail(ctx, id);
}

/** Moves a unit (and its subtree, and the enterprises it is responsible for) under another parent; kept in history. */
export async function moveOrg(ctx: ServiceContext, id: number, newParentId: number): Promise<OrgDetail> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, id);
    const parent = await findOrg(tx, scope, newParentId);
    if (!org || !parent) throw notFound();
    if (org.parentId === null) throw fieldError('newParentId', 'org.parentInvalid');
    if (parent.path === org.path || parent.path.startsWith(`${org.path}.`)) throw fieldError('newParentId', 'org.cycle');
    if (parent.status === 'dissolved') throw fieldError('newParentId', 'org.parentInvalid');
    if (org.parentId === parent.id) return;
    const newPath = `${parent.path}.${org.id}`;
    // every live organisation-path column of the path registry, in this transaction (no path left behind)
    await rewriteSubtreePaths(tx, org.path, newPath);
    await tx.update(orgs).set({ parentId: parent.id, updatedAt: sql`now()` }).where(eq(orgs.id, id));
    await tx.insert(orgMoves).values({ orgId: id, fromParentId: org.parentId, toParentId: parent.id, movedBy: ctx.actor.userId });
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'move', objectType: 'org', objectId: id, orgPath: newPath,
      detail: { fromParentId: org.parentId, toParentId: parent.id, fromPath: org.path },
    });
  });
  return getOrgDetail(ctx, id);
}

/**
 * Adds one enterprise to what an existing union covers, inside the caller's transaction: a federation or
 * joint union takes it beside the others; an enterprise union only if it covers nothing else yet.
 */
export async function coverEnterprise(tx: Tx, ctx: ServiceContext, orgId: number, enterpriseId: number): Promise<OrgRow> {
  const scope = writeScope(ctx.scope);
  const org = await findOrg(tx, scope, orgId);
  if (!org || org.status === 'dissolved') throw notFound();
  await scopedEnterprises(tx, ctx, [enterpriseId]);
  if (org.kind === 'enterprise_union') {
    const covered = await tx.select({ id: orgCoverage.enterpriseId }).from(orgCoverage).where(eq(orgCoverage.orgId, orgId));
    if (covered.some((c) => c.id !== enterpriseId)) throw fieldError('union.orgId', 'org.enterpriseUnionNeedsOne');
    await checkEnterpriseUnionCoverage(tx, [enterpriseId], org.id);
  } else if (!isMultiEnterpriseKind(org.kind)) {
    throw fieldError('union.orgId', 'campaign.unionCannotCover');
  }
  await tx.insert(orgCoverage).values({ orgId, enterpriseId }).onConflictDoNothing();
  await reassignResponsibleOrg(tx, [enterpriseId]);
  await recordAudit(tx, ctx.actor, ctx.ip, {
    action: 'update', objectType: 'org_coverage', objectId: orgId, orgPath: org.path, detail: { added: [enterpriseId] },
  });
  return org;
}

/** Replaces the set of enterprises a union covers. */
export async function setCoverage(ctx: ServiceContext, id: number, enterpriseIds: number[]): Promise<OrgDetail> {
  const scope = writeScope(ctx.scope);
  const ids = [...new Set(enterpriseIds)];
  await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, id);
    if (!org) throw notFound();
    if (org.kind === 'enterprise_union') await checkEnterpriseUnionCoverage(tx, ids, org.id);
    else if (!isMultiEnterpriseKind(org.kind)) throw fieldError('enterpriseIds', 'org.coverageNotAllowed');
    await scopedEnterprises(tx, ctx, ids);
    const before = await tx.select({ id: orgCoverage.enterpriseId }).from(orgCoverage).where(eq(orgCoverage.orgId, id));
    await tx.delete(orgCoverage).where(eq(orgCoverage.orgId, id));
    if (ids.length > 0) await tx.insert(orgCoverage).values(ids.map((enterpriseId) => ({ orgId: id, enterpriseId })));
    await reassignResponsibleOrg(tx, [...new Set([...before.map((b) => b.id), ...ids])]);
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'org_coverage', objectId: id, orgPath: org.path,
      detail: { before: before.map((b) => b.id), after: ids },
    });
  });
  return getOrgDetail(ctx, id);
}
