import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { can, type ActorGrant, type Capability, type Role } from '@lianxin/contracts';
import { forbidden } from '../errors.ts';

/** Who is asking: the signed-in user, the organisation they are bound to and the duties granted to them. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  orgId: number;
  orgPath: string;
  /** the membership a member account signs in to */
  memberId: number | null;
  /** duties granted at organisations (unit head, committees, checkers…), from `user_grants` */
  grants: readonly ActorGrant[];
}

/**
 * What an actor may touch. Staff, social workers, chairs and assessors reach their organisation's subtree;
 * a member reaches only their own records (nothing in the organisation tree).
 */
export type Scope =
  | { kind: 'subtree'; rootOrgId: number; path: string; canWrite: boolean }
  | { kind: 'self'; userId: number; memberId: number | null; canWrite: false };

/** The one access decision: every repository query takes its result. */
export function accessScope(actor: Actor): Scope {
  if (actor.role === 'member') return { kind: 'self', userId: actor.userId, memberId: actor.memberId, canWrite: false };
  return { kind: 'subtree', rootOrgId: actor.orgId, path: actor.orgPath, canWrite: can(actor.role, 'records.write') };
}

/** SQL predicate: the ltree column lies inside the scope (always false for a member). */
export function withinScope(scope: Scope, pathColumn: AnyPgColumn | SQL): SQL {
  if (scope.kind === 'self') return sql`false`;
  return sql`${pathColumn} <@ ${scope.path}::ltree`;
}

/** The scope for a write, or 403 for read-only roles. */
export function writeScope(scope: Scope): Extract<Scope, { kind: 'subtree' }> {
  if (scope.kind !== 'subtree' || !scope.canWrite) throw forbidden();
  return scope;
}

/**
 * 403 unless the actor holds the capability at the organisation with this path (by role, inside their scope,
 * or by a grant at that unit or above). Use it once the object's path is known; the route's declaration has
 * already refused actors holding the capability nowhere.
 */
export function requireCapability(actor: Actor, capability: Capability, orgPath: string): void {
  if (!can(actor, capability, orgPath)) throw forbidden();
}
