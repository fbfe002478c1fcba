import { and, desc, eq, or, sql, type SQL } from 'drizzle-orm';
import { applications, enterprises, orgs, type Database, type Tx } from '@lianxin/db';
import {
  maskIdNumber, maskPhone, type ApplicationItem, type applicationListQuerySchema, type applicationSortKeys,
  type OrgRef,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, type Scope } from '../../access/access.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';
import { escapeLike } from '../../lib/sql-text.ts';
import type { PiiCipher } from '../../security/pii-cipher.ts';
import { enterpriseMatches } from '../enterprises/enterprises.repo.ts';

export async function findOrgRef(db: Database | Tx, id: number): Promise<(OrgRef & { path: string; regionCode: string }) | undefined> {
  const [row] = await db.select({ id: orgs.id, name: orgs.name, path: orgs.path, regionCode: orgs.regionCode }).from(orgs).where(eq(orgs.id, id));
  return row;
}

const itemColumns = {
  application: applications,
  routedName: orgs.name,
  employerName: enterprises.name,
};

export async function findApplication(db: Database | Tx, scope: Scope, id: number) {
  const [row] = await db
    .select(itemColumns)
    .from(applications)
    .innerJoin(orgs, eq(orgs.id, applications.routedOrgId))
    .leftJoin(enterprises, eq(enterprises.id, applications.employerId))
    .where(and(eq(applications.id, id), withinScope(scope, applications.routedOrgPath)));
  return row;
}
export type ApplicationRow = NonNullable<Awaited<ReturnType<typeof findApplication>>>;

export function toApplicationItem(row: ApplicationRow, cipher: PiiCipher): ApplicationItem {
  const a = row.application;
  return {
    id: a.id,
    reference: a.reference,
    name: a.name,
    idNumber: maskIdNumber(cipher.decrypt(a.idNumberEnc)),
    phone: maskPhone(cipher.decrypt(a.phoneEnc)),
    occupation: a.occupation,
    employer: a.employerId === null ? null : { id: a.employerId, name: row.employerName ?? '' },
    regionCode: a.regionCode,
    routedTo: { id: a.routedOrgId, name: row.routedName },
    reasonCode: a.reasonCode,
    reason: a.reason,
    status: a.status,
    submittedAt: new Date(a.createdAt).toISOString(),
    decidedAt: a.decidedAt ? new Date(a.decidedAt).toISOString() : null,
    rejectReason: a.rejectReason,
    memberId: a.memberId,
  };
}

export const applicationListOrder: ListOrder<(typeof applicationSortKeys)[number]> = {
  default: sql`${applications.id} desc`,
  keys: { submittedAt: sql`${applications.createdAt}` },
  tiebreaker: sql`${applications.id}`,
};

/** The application list's condition — the one filter→SQL path of the list and its export. */
export function applicationListWhere(scope: Scope, filter: Pick<z.output<typeof applicationListQuerySchema>, 'status' | 'q'>): SQL | undefined {
  const q = filter.q ? escapeLike(filter.q) : undefined;
  return and(
    withinScope(scope, applications.routedOrgPath),
    filter.status ? eq(applications.status, filter.status) : undefined,
    q ? or(sql`${applications.name} like ${`%${q}%`}`, sql`${applications.reference} like ${`${q.toUpperCase()}%`}`) : undefined,
  );
}

/** A page of the applications routed into the scope (newest first unless sorted), with a bounded total. */
export async function listApplications(db: Database, scope: Scope, filter: z.output<typeof applicationListQuerySchema>) {
  const where = applicationListWhere(scope, filter);
  return pagedList(db, {
    query: filter,
    order: applicationListOrder,
    rows: (orderBy, limit, offset) =>
      db
        .select(itemColumns)
        .from(applications)
        .innerJoin(orgs, eq(orgs.id, applications.routedOrgId))
        .leftJoin(enterprises, eq(enterprises.id, applications.employerId))
        .where(where)
        .orderBy(orderBy)
        .limit(limit)
        .offset(offset),
    count: { from: sql`${applications}`, where },
  });
}

/** Enterprises for the public employer picker: name, pinyin initials or credit-code prefix. */
export function lookupEnterprises(db: Database, q: string) {
  return db
    .select({ id: enterprises.id, creditCode: enterprises.creditCode, name: enterprises.name, regionCode: enterprises.regionCode })
    .from(enterprises)
    .where(enterpriseMatches(q))
    .orderBy(desc(enterprises.employeeCount))
    .limit(10);
}
