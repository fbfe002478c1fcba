import { and, eq, sql } from 'drizzle-orm';
import { enterprises, findRegion, nameInitials, type Database, type Tx } from '@lianxin/db';
import { shanghaiDate, type Enterprise, type enterpriseCreateSchema, type enterpriseUpdateSchema } from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, writeScope, type Scope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { conflict, fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { createSantongshiTasks } from '../campaign/santongshi.service.ts';
import { refreshTargetFlags } from '../coverage/coverage.repo.ts';
import { reassignResponsibleOrg, territorialOrgFor } from '../orgs/orgs.repo.ts';
import { findByCreditCode, findEnterprise, findNearDuplicates } from './enterprises.repo.ts';

type CreateInput = z.output<typeof enterpriseCreateSchema>;
type UpdateInput = z.output<typeof enterpriseUpdateSchema>;


/**
 * The credit code's unique index refused a write: thrown out of the transaction and answered after it (409 on
 * `creditCode` naming the holder). Inside, PostgreSQL refuses every statement after the error, so the holder — the
 * concurrent create that won — can only be read once the transaction has rolled back.
 */
class CreditCodeTaken extends Error {}

const takenIfUnique = (error: unknown) => {
  throw isUniqueViolation(error) ? new CreditCodeTaken() : error;
};

async function duplicateCreditCode(tx: Database | Tx, creditCode: string) {
  const existing = await findByCreditCode(tx, creditCode);
  return conflict(
    'enterprise.duplicateCreditCode',
    { name: existing?.name ?? creditCode },
    { existingId: existing?.id ?? null },
    'creditCode',
  );
}

/** The territorial union of a street, which must lie inside the writer's scope. */
async function territorialOrgInScope(tx: Tx, scope: Scope, regionCode: string) {
  const region = findRegion(regionCode);
  if (!region || region.level !== 'street') throw fieldError('regionCode', 'region.unknown');
  const org = await territorialOrgFor(tx, regionCode);
  const inScope = org && scope.kind === 'subtree' && (org.path === scope.path || org.path.startsWith(`${scope.path}.`));
  if (!org || !inScope) throw fieldError('regionCode', 'region.outOfScope', 404, 'not_found');
  return org;
}

export async function createEnterprise(ctx: ServiceContext, input: CreateInput): Promise<Enterprise> {
  const scope = writeScope(ctx.scope);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await territorialOrgInScope(tx, scope, input.regionCode);
    if (await findByCreditCode(tx, input.creditCode)) throw await duplicateCreditCode(tx, input.creditCode);
    const { confirmNearDuplicate, ...fields } = input;
    if (!confirmNearDuplicate) {
      const near = await findNearDuplicates(tx, input.name);
      if (near.length > 0) {
        throw conflict('enterprise.nearDuplicate', { name: near.map((e) => e.name).join('、') }, { nearDuplicates: near, existingId: near[0]?.id ?? null }, 'name');
      }
    }
    const [row] = await tx
      .insert(enterprises)
      .values({
        ...fields,
        address: input.address ?? '',
        latitude: input.latitude ?? null,
        longitude: input.longitude ?? null,
        registeredOn: input.registeredOn ?? null,
        openedOn: input.openedOn ?? null,
        nameInitials: nameInitials(input.name),
        unionStatus: 'none',
        orgId: org.id,
        orgPath: org.path,
      })
      .returning({ id: enterprises.id })
      .catch(takenIfUnique);
    if (!row) throw new Error('insert returned no row');
    await refreshTargetFlags(tx, shanghaiDate(), [row.id]);
    await createSantongshiTasks(tx, { id: row.id, ownership: input.ownership, registeredOn: input.registeredOn ?? null, openedOn: input.openedOn ?? null });
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'enterprise', objectId: row.id, orgPath: org.path,
      detail: { name: input.name, creditCode: input.creditCode },
    });
    return row.id;
  }).catch(async (error: unknown) => {
    throw error instanceof CreditCodeTaken ? await duplicateCreditCode(ctx.db, input.creditCode) : error;
  });
  const created = await findEnterprise(ctx.db, ctx.scope, id);
  if (!created) throw notFound();
  return created;
}

export async function updateEnterprise(ctx: ServiceContext, id: number, patch: UpdateInput): Promise<Enterprise> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const current = await findEnterprise(tx, scope, id);
    if (!current) throw notFound();
    const registeredOn = patch.registeredOn === undefined ? current.registeredOn : patch.registeredOn;
    const openedOn = patch.openedOn === undefined ? current.openedOn : patch.openedOn;
    if (registeredOn && openedOn && openedOn < registeredOn) throw fieldError('openedOn', 'enterprise.openedBeforeRegistered');
    const regionChanged = patch.regionCode !== undefined && patch.regionCode !== current.regionCode;
    if (regionChanged && patch.regionCode) await territorialOrgInScope(tx, scope, patch.regionCode);
    if (patch.creditCode && patch.creditCode !== current.creditCode) {
      const holder = await findByCreditCode(tx, patch.creditCode);
      if (holder) throw await duplicateCreditCode(tx, patch.creditCode);
    }
    await tx
      .update(enterprises)
      .set({ ...patch, ...(patch.name ? { nameInitials: nameInitials(patch.name) } : {}), updatedAt: sql`now()` })
      .where(and(eq(enterprises.id, id), withinScope(scope, enterprises.orgPath)))
      .catch(takenIfUnique);
    // a move to another street changes the territorial union of an uncovered enterprise
    if (regionChanged) await reassignResponsibleOrg(tx, [id]);
    await refreshTargetFlags(tx, shanghaiDate(), [id]);
    const [after] = await tx.select({ orgPath: enterprises.orgPath }).from(enterprises).where(eq(enterprises.id, id));
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'update', objectType: 'enterprise', objectId: id, orgPath: after?.orgPath ?? null,
      detail: { fields: Object.keys(patch) },
    });
  }).catch(async (error: unknown) => {
    throw error instanceof CreditCodeTaken && patch.creditCode ? await duplicateCreditCode(ctx.db, patch.creditCode) : error;
  });
  const updated = await findEnterprise(ctx.db, ctx.scope, id);
  if (!updated) throw notFound();
  return updated;
}

export async function getEnterprise(ctx: ServiceContext, id: number): Promise<Enterprise> {
  const found = await findEnterprise(ctx.db, ctx.scope, id);
  if (!found) throw notFound();
  return found;
}
