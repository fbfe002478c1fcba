import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { applications, enterprises, orgCoverage, orgs, type Database, type Tx } from '@lianxin/db';
import {
  maskIdNumber, maskPhone, occupationSectors, type ApplicationItem, type applicationListQuerySchema, type applicationSortKeys,
  type OrgRef,
} from '@lianxin/contracts';
import type { z } from 'zod';
import { withinScope, type Scope } from '../../access/access.ts';
import { pagedList, type ListOrder } from '../../lib/paged-list.ts';
import type { PiiCipher } from '../../security/pii-cipher.ts';
import { enterpriseMatches } from '../enterprises/enterprises.repo.ts';
import { TERRITORIAL_KINDS } from '../orgs/orgs.repo.ts';
import type { RoutingFacts } from './routing.ts';

/** Gathers what the routing rule needs about an employer and an area. */
export async function routingFacts(
  db: Database,
  input: { occupation: RoutingFacts['occupation']; employerId: number | null; employerRegion: string | null; statedRegionCode: string | null },
): Promise<RoutingFacts & { paths: Map<number, string> }> {
  let employer: RoutingFacts['employer'] = null;
  let coveringPaths: { id: number; path: string }[] = [];
  if (input.employerId !== null && input.employerRegion) {
    const covering = await db
      .select({ id: orgs.id, name: orgs.name, kind: orgs.kind, path: orgs.path })
      .from(orgCoverage)
      .innerJoin(orgs, eq(orgs.id, orgCoverage.orgId))
      .where(and(eq(orgCoverage.enterpriseId, input.employerId), sql`${orgs.status} = 'active'`))
      .orderBy(sql`nlevel(${orgs.path}) desc`);
    coveringPaths = covering;
    const own = covering.find((o) => o.kind === 'enterprise_union');
    const other = covering.find((o) => o.kind !== 'enterprise_union');
    employer = {
      ownUnion: own ? { id: own.id, name: own.name } : null,
      coveringUnion: other ? { id: other.id, name: other.name } : null,
      regionCode: input.employerRegion,
    };
  }
  const area = input.employerRegion ?? input.statedRegionCode ?? '310000';
  const areaCodes = [...new Set([area, area.slice(0, 6), '310000'])];
  const sector = occupationSectors[input.occupation];
  // two indexed lookups by region: industry federations of the trade in the street or district, territorial unions
  const [industryFederations, territorialUnions] = await Promise.all([
    sector
      ? db
        .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode, sector: orgs.sector, path: orgs.path })
        .from(orgs)
        .where(and(inArray(orgs.regionCode, areaCodes), eq(orgs.kind, 'industry_federation'), eq(orgs.sector, sector), eq(orgs.status, 'active')))
      : Promise.resolve([]),
    db
      .select({ id: orgs.id, name: orgs.name, regionCode: orgs.regionCode, path: orgs.path })
      .from(orgs)
      .where(and(inArray(orgs.kind, TERRITORIAL_KINDS), inArray(orgs.regionCode, areaCodes))),
  ]);
  // the path of every candidate, so the chosen union needs no further lookup
  const paths = new Map<number, string>([...coveringPaths, ...industryFederations, ...territorialUnions].map((o) => [o.id, o.path]));
  return {
    paths,
    occupation: input.occupation,
    employer,
    statedRegionCode: input.statedRegionCode,
    industryFederations: industryFederations.flatMap((f) => (f.sector ? [{ ...f, sector: f.sector }] : [])),
    territorialUnions,
  };
}

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

const listOrder: ListOrder<(typeof applicationSortKeys)[number]> = {
  default: sql`${applications.id} desc`,
  keys: { submittedAt: sql`${applications.createdAt}` },
  tiebreaker: sql`${applications.id}`,
};

/** A page of the applications routed into the scope (newest first unless sorted), with a bounded total. */
export async function listApplications(db: Database, scope: Scope, filter: z.output<typeof applicationListQuerySchema>) {
  const where = and(withinScope(scope, applications.routedOrgPath), filter.status ? eq(applications.status, filter.status) : undefined);
  return pagedList(db, {
    query: filter,
    order: listOrder,
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
