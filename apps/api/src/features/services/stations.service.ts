import gcoordModule from 'gcoord';
import { isOpenAt, type NearestStation, type Station, type stationInputSchema, type stationListQuerySchema, type stationPatchSchema } from '@lianxin/contracts';
import type { z } from 'zod';
import { sql } from 'drizzle-orm';
import { withinScope, writeScope } from '../../access/access.ts';
import type { ServiceContext } from '../../context.ts';
import { fieldError, notFound } from '../../errors.ts';
import { queryRows, type Database } from '@lianxin/db';
import { figureColumns } from '../coverage/figures.sql.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { findOrg } from '../orgs/orgs.repo.ts';
import { findStation, insertStation, listStations, nearestStations, regionCentre, updateStation, type StationRow, type StationValues } from './stations.repo.ts';

// gcoord 1.0.7's type declarations export nothing (`export { }`); its default export at run time is this shape
const gcoord = gcoordModule as unknown as { transform(p: [number, number], from: string, to: string): [number, number]; WGS84: string; GCJ02: string };

const toStation = ({ orgPath: _path, ...s }: StationRow): Station => s;

/**
 * A link that opens navigation to the position in a phone map app (高德 URI API). Chinese map apps read GCJ-02
 * coordinates, so the WGS-84 position is converted here (gcoord) — the only place GCJ-02 appears.
 */
export function navigationUrl(s: { lat: number; lng: number; name: string }): string {
  const [lng, lat] = gcoord.transform([s.lng, s.lat], gcoord.WGS84, gcoord.GCJ02);
  return `https://uri.amap.com/marker?position=${lng.toFixed(6)},${lat.toFixed(6)}&name=${encodeURIComponent(s.name)}&coordinate=gaode&callnative=1`;
}

/**
 * The nearest accepted positions to a WGS-84 point (`lat`, `lng`), or — without a point — to the centre of a
 * street/town or district (`regionCode`, see `regionCentre`), nearest first, with open-now on the Shanghai clock.
 * 400 on `regionCode` when nothing in that region has a location.
 */
export async function findNearest(
  db: Database, q: { lat?: number | undefined; lng?: number | undefined; regionCode?: string | undefined; limit: number }, now: Date,
): Promise<NearestStation[]> {
  const point = q.lat !== undefined && q.lng !== undefined ? { lat: q.lat, lng: q.lng } : await regionCentre(db, q.regionCode ?? '');
  if (!point) throw fieldError('regionCode', 'station.regionNoPoint');
  const rows = await nearestStations(db, point.lat, point.lng, q.limit);
  return rows.map((r) => ({ ...r, openNow: isOpenAt(r.hours, now), navigationUrl: navigationUrl(r) }));
}

export async function stationList(ctx: ServiceContext, q: z.output<typeof stationListQuerySchema>) {
  let orgPath: string | null = null;
  if (q.orgId !== undefined) {
    const org = await findOrg(ctx.db, ctx.scope, q.orgId);
    if (!org) throw notFound();
    orgPath = org.path;
  }
  const { rows, total } = await listStations(ctx.db, ctx.scope, { orgPath, level: q.level, acceptance: q.acceptance, bbox: q.bbox });
  return { items: rows.map(toStation), total };
}

export async function stationDetail(ctx: ServiceContext, id: number): Promise<Station> {
  const row = await findStation(ctx.db, ctx.scope, id);
  if (!row) throw notFound();
  return toStation(row);
}

async function owningOrg(ctx: ServiceContext, orgId: number) {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw fieldError('orgId', 'error.not_found', 404, 'not_found');
  return org;
}

/** 验收: a position marked accepted (shown on the public finder) names the day it was accepted and by whom. */
function assertAcceptance(values: { acceptance: string; acceptedOn: string | null; inspector: string }): void {
  if (values.acceptance !== 'accepted') return;
  if (!values.acceptedOn) throw fieldError('acceptedOn', 'station.acceptedOn');
  if (!values.inspector.trim()) throw fieldError('inspector', 'station.inspector');
}

export async function createStation(ctx: ServiceContext, input: z.output<typeof stationInputSchema>): Promise<Station> {
  writeScope(ctx.scope);
  assertAcceptance(input);
  const org = await owningOrg(ctx, input.orgId);
  const id = await ctx.db.transaction(async (tx) => {
    const newId = await insertStation(tx, { ...input, orgPath: org.path });
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'create', objectType: 'service_station', objectId: newId, orgPath: org.path, detail: { name: input.name, level: input.level } });
    return newId;
  });
  return stationDetail(ctx, id);
}

export async function patchStation(ctx: ServiceContext, id: number, patch: z.output<typeof stationPatchSchema>): Promise<Station> {
  writeScope(ctx.scope);
  const current = await findStation(ctx.db, ctx.scope, id);
  if (!current) throw notFound();
  const org = patch.orgId !== undefined && patch.orgId !== current.orgId ? await owningOrg(ctx, patch.orgId) : { id: current.orgId, path: current.orgPath };
  const next: StationValues = {
    orgId: org.id, orgPath: org.path, name: patch.name ?? current.name, level: patch.level ?? current.level, address: patch.address ?? current.address,
    lat: patch.lat ?? current.lat, lng: patch.lng ?? current.lng, hours: patch.hours ?? current.hours, facilities: patch.facilities ?? current.facilities,
    contactPhone: patch.contactPhone ?? current.contactPhone, acceptance: patch.acceptance ?? current.acceptance,
    acceptedOn: patch.acceptedOn !== undefined ? patch.acceptedOn : current.acceptedOn, inspector: patch.inspector ?? current.inspector,
  };
  assertAcceptance(next);
  await ctx.db.transaction(async (tx) => {
    await updateStation(tx, id, next);
    await recordAudit(tx, ctx.actor, ctx.ip, { action: 'update', objectType: 'service_station', objectId: id, orgPath: org.path, detail: { fields: Object.keys(patch) } });
  });
  return stationDetail(ctx, id);
}

/**
 * The gaps of a unit's area: its streets and towns with the fewest accepted positions per 10,000 workers (the
 * `employees` coverage figure of the street's enterprises), fewest first; streets without workers come last.
 */
export async function stationGaps(ctx: ServiceContext, orgId: number, limit: number) {
  const org = await findOrg(ctx.db, ctx.scope, orgId);
  if (!org) throw notFound();
  const rows = await queryRows<{ orgId: number; name: string; stations: number; workers: string | null }>(ctx.db, sql`
    select o.id as "orgId", o.name,
           (select count(*)::int from service_stations s where s.org_path <@ o.path and s.acceptance = 'accepted') as stations,
           f.workers
      from orgs o
      left join lateral ${figureColumns(sql`o.id`, { workers: 'employees' })} f on true
     where o.kind = 'street_federation' and o.path <@ ${org.path}::ltree and ${withinScope(ctx.scope, sql`o.path`)}`);
  const items = rows.map((r) => {
    const workers = Number(r.workers ?? 0);
    return { orgId: r.orgId, name: r.name, stations: r.stations, workers, per10k: workers > 0 ? Math.round((r.stations / workers) * 1_000_000) / 100 : null };
  });
  items.sort((a, b) => (a.per10k ?? Infinity) - (b.per10k ?? Infinity) || a.orgId - b.orgId);
  return { items: items.slice(0, limit) };
}
