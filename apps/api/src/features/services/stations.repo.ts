import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import type { OpeningHours, Station, StationFacility, StationLevel, AcceptanceState } from '@lianxin/contracts';
import { withinScope, type Scope } from '../../access/access.ts';

/** cos(31.23°): the longitude scale of the generated `geo` point (schema/services.ts). */
export const LNG_SCALE = 0.85505;

export interface StationRow extends Station {
  orgPath: string;
}

const stationColumns = sql`
  s.id, s.org_id as "orgId", o.name as "orgName", s.org_path::text as "orgPath", s.name, s.level, s.address, s.lat, s.lng, s.hours,
  s.facilities, s.contact_phone as "contactPhone", s.acceptance, s.accepted_on::text as "acceptedOn", s.inspector`;

export async function findStation(db: Database | Tx, scope: Scope | null, id: number): Promise<StationRow | undefined> {
  const [row] = await queryRows<StationRow>(db, sql`
    select ${stationColumns} from service_stations s join orgs o on o.id = s.org_id
     where s.id = ${id} and ${scope ? withinScope(scope, sql`s.org_path`) : sql`true`}`);
  return row;
}

/** The most positions one list answer carries (the console map draws them all). */
export const STATION_LIST_MAX = 5000;

export async function listStations(db: Database, scope: Scope, filter: {
  orgPath: string | null; level?: StationLevel | undefined; acceptance?: AcceptanceState | undefined; bbox?: [number, number, number, number] | undefined;
}): Promise<{ rows: StationRow[]; total: number }> {
  const where: SQL[] = [withinScope(scope, sql`s.org_path`)];
  if (filter.orgPath) where.push(sql`s.org_path <@ ${filter.orgPath}::ltree`);
  if (filter.level) where.push(sql`s.level = ${filter.level}`);
  if (filter.acceptance) where.push(sql`s.acceptance = ${filter.acceptance}`);
  if (filter.bbox) {
    const [minLng, minLat, maxLng, maxLat] = filter.bbox;
    // the box in the planar `geo` space, so the GiST index answers it
    where.push(sql`s.geo <@ box(point(${minLng * LNG_SCALE}, ${minLat}), point(${maxLng * LNG_SCALE}, ${maxLat}))`);
  }
  // at most STATION_LIST_MAX rows (the map's load); `total` counts every match, so a list cut short says so
  const rows = await queryRows<StationRow & { total: number }>(db, sql`
    select ${stationColumns}, count(*) over ()::int as total from service_stations s join orgs o on o.id = s.org_id
     where ${sql.join(where, sql` and `)} order by s.id limit ${STATION_LIST_MAX}`);
  return { rows: rows.map(({ total: _total, ...row }) => row), total: rows[0]?.total ?? 0 };
}

export interface NearestRow {
  id: number; name: string; level: StationLevel; address: string; lat: number; lng: number; distanceM: number;
  hours: OpeningHours; facilities: StationFacility[]; contactPhone: string; orgId: number;
}

/**
 * The accepted positions nearest to a WGS-84 point: the GiST index walks `geo <-> point` nearest first (a planar
 * distance on the locally scaled plane) for a few more candidates than asked, and those are re-ranked by the
 * great-circle (haversine) distance in metres, which is what the answer reports.
 */
export async function nearestStations(db: Database, lat: number, lng: number, limit: number): Promise<NearestRow[]> {
  const candidates = limit * 2 + 10;
  return queryRows<NearestRow>(db, sql`
    with c as (
      select s.* from service_stations s where s.acceptance = 'accepted'
       order by s.geo <-> point(${lng * LNG_SCALE}, ${lat}) limit ${candidates}
    )
    select id, name, level, address, lat, lng, hours, facilities, contact_phone as "contactPhone", org_id as "orgId",
           round(2 * 6371008.8 * asin(least(1, sqrt(
             power(sin(radians(lat - ${lat}) / 2), 2) + cos(radians(${lat})) * cos(radians(lat)) * power(sin(radians(lng - ${lng}) / 2), 2)))))::int as "distanceM"
      from c order by "distanceM", id limit ${limit}`);
}

/**
 * The centre of a street/town (9-digit code) or district (6 digits) for a rider who picks it instead of sharing
 * their location: the mean WGS-84 point of the region's registered enterprises with coordinates (where its
 * workers are), else of its unions' accepted positions; undefined when neither has any (or the code is unknown).
 */
export async function regionCentre(db: Database, regionCode: string): Promise<{ lat: number; lng: number } | undefined> {
  if (!/^\d{6}(\d{3})?$/.test(regionCode)) return undefined;
  // a district's streets are its 6 digits + 3 (GB/T 2260): a range the region index serves in any collation
  const inRegion = (column: SQL) => (regionCode.length === 9
    ? sql`${column} = ${regionCode}`
    : sql`(${column} = ${regionCode} or ${column} between ${`${regionCode}000`} and ${`${regionCode}999`})`);
  const [row] = await queryRows<{ lat: number | null; lng: number | null }>(db, sql`
    select coalesce(e.lat, s.lat) as lat, coalesce(e.lng, s.lng) as lng
      from (select avg(latitude) as lat, avg(longitude) as lng from enterprises
             where ${inRegion(sql`region_code`)} and latitude is not null and longitude is not null) e,
           (select avg(st.lat) as lat, avg(st.lng) as lng from service_stations st join orgs o on o.id = st.org_id
             where st.acceptance = 'accepted' and ${inRegion(sql`o.region_code`)}) s`);
  return row?.lat != null && row.lng != null ? { lat: Number(row.lat), lng: Number(row.lng) } : undefined;
}

export interface StationValues {
  orgId: number; orgPath: string; name: string; level: StationLevel; address: string; lat: number; lng: number; hours: OpeningHours;
  facilities: StationFacility[]; contactPhone: string; acceptance: AcceptanceState; acceptedOn: string | null; inspector: string;
}

export async function insertStation(tx: Tx, v: StationValues): Promise<number> {
  const [row] = await queryRows<{ id: number }>(tx, sql`
    insert into service_stations (org_id, org_path, name, level, address, lat, lng, hours, facilities, contact_phone, acceptance, accepted_on, inspector)
    values (${v.orgId}, ${v.orgPath}::ltree, ${v.name}, ${v.level}, ${v.address}, ${v.lat}, ${v.lng}, ${JSON.stringify(v.hours)}::jsonb,
            ${sql.param(`{${v.facilities.join(',')}}`)}::text[], ${v.contactPhone}, ${v.acceptance}, ${v.acceptedOn}::date, ${v.inspector})
    returning id`);
  if (!row) throw new Error('station not written');
  return row.id;
}

export async function updateStation(tx: Tx, id: number, v: StationValues): Promise<void> {
  await tx.execute(sql`
    update service_stations set org_id = ${v.orgId}, org_path = ${v.orgPath}::ltree, name = ${v.name}, level = ${v.level}, address = ${v.address},
           lat = ${v.lat}, lng = ${v.lng}, hours = ${JSON.stringify(v.hours)}::jsonb, facilities = ${sql.param(`{${v.facilities.join(',')}}`)}::text[],
           contact_phone = ${v.contactPhone}, acceptance = ${v.acceptance}, accepted_on = ${v.acceptedOn}::date, inspector = ${v.inspector},
           updated_at = now()
     where id = ${id}`);
}
