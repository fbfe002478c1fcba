/**
 * Duties granted to users at organisations (unit head, proposal committee, joint council, checker, assessor):
 * the per-user, per-unit half of the capabilities module. Granting needs `grants.manage` (federation staff)
 * at the unit; the user must belong to a unit inside the granter's scope.
 */
import { and, asc, eq } from 'drizzle-orm';
import { orgs, userGrants, users } from '@lianxin/db';
import type { Grant, GrantCreate } from '@lianxin/contracts';
import { requireCapability, withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { fieldError, isUniqueViolation, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from './orgs.repo.ts';

function grantRows(ctx: ServiceContext) {
  return ctx.db
    .select({
      id: userGrants.id,
      kind: userGrants.kind,
      org: { id: orgs.id, name: orgs.name },
      user: { id: users.id, username: users.username, displayName: users.displayName },
      createdAt: userGrants.createdAt,
    })
    .from(userGrants)
    .innerJoin(orgs, eq(orgs.id, userGrants.orgId))
    .innerJoin(users, eq(users.id, userGrants.userId));
}

/** Grants held at one unit inside the scope; 404 when the unit is outside it. */
export async function listGrants(ctx: ServiceContext, orgId: number): Promise<Grant[]> {
  if (!(await findOrg(ctx.db, ctx.scope, orgId))) throw notFound();
  return grantRows(ctx)
    .where(and(eq(userGrants.orgId, orgId), withinScope(ctx.scope, userGrants.orgPath)))
    .orderBy(asc(userGrants.kind), asc(userGrants.id));
}

/** Grants a duty at a unit of the scope to a user of the scope; 409 when the user holds it there already. */
export async function createGrant(ctx: ServiceContext, orgId: number, input: GrantCreate): Promise<Grant> {
  const scope = writeScope(ctx.scope);
  const id = await ctx.db.transaction(async (tx) => {
    const org = await findOrg(tx, scope, orgId);
    if (!org) throw notFound();
    requireCapability(ctx.actor, 'grants.manage', org.path);
    const [user] = await tx
      .select({ id: users.id })
      .from(users)
      .innerJoin(orgs, eq(orgs.id, users.orgId))
      .where(and(eq(users.id, input.userId), eq(users.disabled, false), withinScope(scope, orgs.path)));
    if (!user) throw fieldError('userId', 'grant.userInvalid');
    const [row] = await tx
      .insert(userGrants)
      .values({ userId: user.id, orgId, orgPath: org.path, kind: input.kind, grantedBy: ctx.actor.userId })
      .returning({ id: userGrants.id })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? fieldError('kind', 'grant.duplicate', 409, 'conflict') : error;
      });
    if (!row) throw new Error('grant not written');
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'create', objectType: 'user_grant', objectId: row.id, orgPath: org.path, detail: { userId: user.id, kind: input.kind },
    });
    return row.id;
  });
  const [grant] = await grantRows(ctx).where(eq(userGrants.id, id));
  if (!grant) throw notFound();
  return grant;
}

/** Withdraws a grant at a unit of the scope. */
export async function deleteGrant(ctx: ServiceContext, id: number): Promise<void> {
  const scope = writeScope(ctx.scope);
  await ctx.db.transaction(async (tx) => {
    const [grant] = await tx
      .select()
      .from(userGrants)
      .where(and(eq(userGrants.id, id), withinScope(scope, userGrants.orgPath)))
      .for('update');
    if (!grant) throw notFound();
    requireCapability(ctx.actor, 'grants.manage', grant.orgPath);
    await tx.delete(userGrants).where(eq(userGrants.id, id));
    await recordAudit(tx, ctx.actor, ctx.ip, {
      action: 'delete', objectType: 'user_grant', objectId: id, orgPath: grant.orgPath, detail: { userId: grant.userId, kind: grant.kind },
    });
  });
}
