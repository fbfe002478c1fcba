import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { roleCanWrite, type Role } from '@lianxin/contracts';
import { forbidden } from '../errors.ts';

/** Who is asking: the signed-in user and the organisation they are bound to. */
export interface Actor {
  userId: number;
  username: string;
  role: Role;
  orgId: number;
  orgPath: string;
  /** the membership a member account signs in to */
  memberId: number | null;
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
  switch (actor.role) {
    case 'member':
      return { kind: 'self', userId: actor.userId, memberId: actor.memberId, canWrite: false };
    case 'city_staff':
    case 'district_staff':
    case 'street_staff':
    case 'social_worker':
    case 'enterprise_chair':
    case 'assessor':
      return { kind: 'subtree', rootOrgId: actor.orgId, path: actor.orgPath, canWrite: roleCanWrite(actor.role) };
  }
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
