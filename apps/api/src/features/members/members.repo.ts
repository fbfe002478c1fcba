import { and, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import { enterprises, members, memberTransfers, orgs, subsidyEntitlements, type Database, type Tx } from '@lianxin/db';
import {
  maskIdNumber, maskPhone, type MemberDetail, type MemberListItem, type memberListQuerySchema, type memberSortKeys,
} from '@lianxin/contracts';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Scope } from '../../access/access.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';
import { nameMatches } from '../../lib/name-search.ts';
import type { PiiCipher } from '../../security/pii-cipher.ts';

type ListFilter = z.output<typeof memberListQuerySchema>;

/** Members a scope reaches: an org subtree, or for a member account only its own membership. */
export function memberScope(scope: Scope): SQL {
  if (scope.kind === 'self') return scope.memberId === null ? sql`false` : eq(members.id, scope.memberId);
  return sql`${members.orgPath} <@ ${scope.path}::ltree`;
}

const rowColumns = { member: members, unionName: orgs.name, enterpriseName: enterprises.name };
export type MemberRow = { member: typeof members.$inferSelect; unionName: string; enterpriseName: string | null };

export function toMemberItem(row: MemberRow, cipher: PiiCipher): MemberListItem {
  const m = row.member;
  return {
    id: m.id,
    name: m.name,
    idNumber: maskIdNumber(cipher.decrypt(m.idNumberEnc)),
    phone: maskPhone(cipher.decrypt(m.phoneEnc)),
    gender: m.gender,
    birthDate: m.birthDate,
    occupation: m.occupation,
    category: m.category,
    joinChannel: m.joinChannel,
    status: m.status,
    union: { id: m.orgId, name: row.unionName },
    enterprise: m.enterpriseId === null ? null : { id: m.enterpriseId, name: row.enterpriseName ?? '' },
    cardNumber: m.cardNumber,
    joinedOn: m.joinedOn,
    leftOn: m.leftOn,
  };
}

export const memberListOrder: ListOrder<(typeof memberSortKeys)[number]> = {
  default: sql`${members.id} desc`,
  keys: { name: sql`${members.name}`, joinedOn: sql`${members.joinedOn}` },
  tiebreaker: sql`${members.id}`,
};

/**
 * The member list's condition — the one filter→SQL path of the list and its export. `blindIndex` turns a whole
 * phone (`filter.phone`) into the keyed hash members are found by (AppKeys.blindIndex).
 */
export function memberListWhere(scope: Scope, filter: Omit<ListFilter, 'page' | 'pageSize' | 'sort' | 'order'>, blindIndex: (value: string) => string): SQL | undefined {
  const conditions: (SQL | undefined)[] = [memberScope(scope)];
  if (filter.phone) conditions.push(eq(members.phoneHash, blindIndex(filter.phone)));
  if (filter.q) {
    conditions.push(nameMatches({ grams: members.searchGrams, key: sql`search_key(${members.name})`, initials: members.nameInitials }, filter.q));
  }
  if (filter.orgId) conditions.push(sql`${members.orgPath} <@ (select path from orgs where id = ${filter.orgId})`);
  if (filter.enterpriseId) conditions.push(eq(members.enterpriseId, filter.enterpriseId));
  if (filter.category) conditions.push(eq(members.category, filter.category));
  if (filter.status) conditions.push(eq(members.status, filter.status));
  if (filter.joinChannel) conditions.push(eq(members.joinChannel, filter.joinChannel));
  if (filter.joinedFrom) conditions.push(gte(members.joinedOn, filter.joinedFrom));
  if (filter.joinedTo) conditions.push(lte(members.joinedOn, filter.joinedTo));
  return and(...conditions);
}

/**
 * A page of the members the scope reaches, matching the filter (name part `q`, whole phone `phone`, …; newest first
 * unless sorted), with a bounded total; rows still encrypted (`toMemberItem` masks them).
 */
export async function listMembers(db: Database, scope: Scope, filter: ListFilter, blindIndex: (value: string) => string) {
  const where = memberListWhere(scope, filter, blindIndex);
  return pagedList(db, {
    query: filter,
    order: memberListOrder,
    rows: (orderBy, limit, offset) =>
      db
        .select(rowColumns)
        .from(members)
        .innerJoin(orgs, eq(orgs.id, members.orgId))
        .leftJoin(enterprises, eq(enterprises.id, members.enterpriseId))
        .where(where)
        .orderBy(orderBy)
        .limit(limit)
        .offset(offset),
    count: { from: sql`${members}`, where },
  });
}

export async function findMember(db: Database | Tx, scope: Scope, id: number): Promise<MemberRow | undefined> {
  const [row] = await db
    .select(rowColumns)
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .leftJoin(enterprises, eq(enterprises.id, members.enterpriseId))
    .where(and(eq(members.id, id), memberScope(scope)));
  return row;
}

export async function memberHistory(db: Database, memberId: number): Promise<Pick<MemberDetail, 'transfers' | 'subsidies'>> {
  const fromOrg = alias(orgs, 'from_org');
  const toOrg = alias(orgs, 'to_org');
  const [transfers, subsidies] = await Promise.all([
    db
      .select({ t: memberTransfers, fromName: fromOrg.name, toName: toOrg.name })
      .from(memberTransfers)
      .innerJoin(fromOrg, eq(fromOrg.id, memberTransfers.fromOrgId))
      .innerJoin(toOrg, eq(toOrg.id, memberTransfers.toOrgId))
      .where(eq(memberTransfers.memberId, memberId))
      .orderBy(memberTransfers.id),
    db
      .select({ s: subsidyEntitlements, orgName: orgs.name })
      .from(subsidyEntitlements)
      .innerJoin(orgs, eq(orgs.id, subsidyEntitlements.orgId))
      .where(eq(subsidyEntitlements.memberId, memberId))
      .orderBy(subsidyEntitlements.id),
  ]);
  return {
    transfers: transfers.map(({ t, fromName, toName }) => ({
      id: t.id,
      from: { id: t.fromOrgId, name: fromName },
      to: { id: t.toOrgId, name: toName },
      status: t.status,
      requestedAt: new Date(t.requestedAt).toISOString(),
      decidedAt: t.decidedAt ? new Date(t.decidedAt).toISOString() : null,
    })),
    subsidies: subsidies.map(({ s, orgName }) => ({ level: s.level, amountFen: s.amountFen, org: { id: s.orgId, name: orgName }, status: s.status })),
  };
}
