/**
 * The pure part of the seed: builds every row (orgs, enterprises, coverage, users) as column arrays,
 * deterministically, without touching a database. seedDatabase() writes them; a benchmark can take the
 * same columns and insert them its own way.
 */
import {
  CREDIT_CODE_ALPHABET, DEFAULT_TARGET_RULE, isNonPublic, isTargetEnterprise,
  type IndustrySection, type OrgKind, type OrgStatus, type Ownership, type Role, type UnionStatus,
} from '@lianxin/contracts';
import { calendarDayOf } from '@lianxin/contracts';
import { districts, regionFullName, regionName, shanghaiRegions } from '../reference/regions.ts';
import { streetCentres } from '../reference/street-centres.ts';
import {
  address, branchDepartments, brandWords, buildingSuffixes, chineseOrdinals, communitySuffixes, enterpriseName,
  industryWeights, joinParts, parkSuffixes, personName, quarterWords, roadName,
} from './names.ts';
import {
  BAOSHAN, BAOSHAN_DUAL_REAL, BAOSHAN_DUAL_REAL_EMPLOYEES, CITY_CODE, CITY_TOTAL_ENTERPRISES, GUCUN,
  GUCUN_TARGET_COVERAGE, NANJINGDONGLU, OUYANGLU, OUYANGLU_FIGURES, SEED, SEED_REFERENCE_DATE, SONGJIANG_ZONE,
  SONGJIANG_ZONE_FIGURES, demoStreetMinimum, districtProfiles, genericKindWeights, industryUnions,
  namedFederations, sectorSections, sectorsByDistrictType, streetNamePrefixes, streetSpreadKm, streetUnionNames,
  type DistrictProfile, type NamedFederation, type SeedScale,
} from './plan.ts';
import { Random, WeightedTable, hashString, scaleToSum } from './random.ts';

// ---------------------------------------------------------------------------------------------------------
// Column shapes (the order of the unnest parameters in insert.ts)

export interface OrgColumns {
  id: number[];
  parentId: (number | null)[];
  path: string[];
  kind: OrgKind[];
  name: string[];
  regionCode: string[];
  sector: (string | null)[];
  establishedOn: (string | null)[];
  chairName: (string | null)[];
  status: OrgStatus[];
}

export interface EnterpriseColumns {
  id: number[];
  creditCode: string[];
  name: string[];
  nameInitials: string[];
  ownership: Ownership[];
  dualReal: boolean[];
  employeeCount: number[];
  industry: IndustrySection[];
  address: string[];
  regionCode: string[];
  latitude: number[];
  longitude: number[];
  registeredOn: string[];
  openedOn: (string | null)[];
  unionStatus: UnionStatus[];
  /** under the default target rule on GenerateOptions.targetDate */
  isTarget: boolean[];
  orgId: number[];
  orgPath: string[];
}

export interface CoverageColumns {
  orgId: number[];
  enterpriseId: number[];
  since: string[];
}

export interface UserSpec {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  orgId: number;
  orgName: string;
}

export interface SeedLogin {
  username: string;
  role: Role;
  orgName: string;
}

export interface SeedData {
  scale: SeedScale;
  referenceDate: string;
  orgs: OrgColumns;
  enterprises: EnterpriseColumns;
  coverage: CoverageColumns;
  users: UserSpec[];
  /** the demo logins (a subset of users), in a fixed order */
  logins: SeedLogin[];
}

export interface GenerateOptions {
  scale: SeedScale;
  /** "today" of the generated data (default SEED_REFERENCE_DATE, fixed for determinism) */
  referenceDate?: string;
  /** the day the target rule is evaluated on (default: the reference date); the seed passes the real today */
  targetDate?: string;
  onProgress?: (msg: string) => void;
}

/** GB 32100 weights 3^i mod 31 (as in @lianxin/contracts creditCodeCheckChar, inlined here for speed). */
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

// ---------------------------------------------------------------------------------------------------------
// Dates as day numbers

const DAY_MS = 86_400_000;
function dayOf(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
}
const dateCache = new Map<number, string>();
function isoOf(day: number): string {
  let text = dateCache.get(day);
  if (text === undefined) {
    text = calendarDayOf(day * DAY_MS);
    dateCache.set(day, text);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------------------
// Enterprise drafts

interface Draft {
  ownership: Ownership;
  dualReal: boolean;
  employees: number;
  section: IndustrySection;
  registeredDay: number;
  openedDay: number | null;
  /** set by the coverage decision */
  own: boolean;
  covered: boolean;
  fed: Fed | null;
  /** name override (the demo chair's enterprise) */
  fixedName?: { name: string; initials: string };
}

type Profile = 'standard' | 'zone' | 'baoshan';
interface Cohort {
  count: number;
  /** probability of 双实 for a non-public enterprise (public ones are always real) */
  dualReal: number;
  nonPublicOnly: boolean;
  profile: Profile;
}

interface StreetPlan {
  code: string;
  districtCode: string;
  districtName: string;
  fullName: string;
  namePrefix: string;
  profile: DistrictProfile;
  cohorts: Cohort[];
  /** coverage level (probability scale) */
  level: number;
  /** generic federations to add besides the named ones */
  genericFederations: number;
}

const ownershipAll = new WeightedTable<Ownership>([
  ['private', 75], ['individual', 7], ['foreign', 6.5], ['hk_mo_tw', 4], ['mixed', 4], ['state', 2.3], ['collective', 1.2],
]);
const ownershipNonPublic = new WeightedTable<Ownership>([
  ['private', 78], ['individual', 6], ['foreign', 7], ['hk_mo_tw', 4.5], ['mixed', 4.5],
]);
const sectionTable = new WeightedTable<IndustrySection>(industryWeights);
const individualSections = new WeightedTable<IndustrySection>([['F', 5], ['H', 4], ['O', 4], ['R', 1]]);
const zoneSections = new WeightedTable<IndustrySection>([
  ['C', 40], ['M', 12], ['I', 10], ['G', 8], ['F', 8], ['L', 8], ['E', 4], ['H', 3], ['D', 2], ['O', 2],
]);

// ---------------------------------------------------------------------------------------------------------
// Federations at run time

interface Fed {
  id: number;
  kind: OrgKind;
  sections: ReadonlySet<IndustrySection> | null;
  smallOnly: boolean;
  weight: number;
  quota: number | null;
  establishedDay: number;
  /** under a street (false: a district-level federation offered to every street of its district) */
  streetLevel: boolean;
}

const kindRules: Partial<Record<OrgKind, { sections: readonly IndustrySection[] | null; smallOnly?: boolean; weight: number }>> = {
  regional_federation: { sections: null, weight: 1 },
  grid_federation: { sections: null, weight: 1 },
  fellowship_union: { sections: null, weight: 0.4 },
  joint_union: { sections: null, weight: 0.7 },
  community_federation: { sections: ['O', 'F', 'H', 'Q', 'P', 'R'], smallOnly: true, weight: 2 },
  residence_federation: { sections: null, smallOnly: true, weight: 0.8 },
  street_front_federation: { sections: ['F', 'H', 'O', 'R'], smallOnly: true, weight: 3 },
  building_federation: { sections: ['I', 'J', 'K', 'L', 'M', 'F'], weight: 3 },
  business_district_federation: { sections: ['F', 'H', 'O', 'R'], weight: 2.5 },
  park_federation: { sections: ['C', 'M', 'I', 'G', 'D'], weight: 3 },
  project_site_federation: { sections: ['E'], weight: 4 },
  industry_federation: { sections: [], weight: 4 },
};

function affinity(fed: Fed, d: Draft): number {
  if (fed.smallOnly && d.employees >= 25) return 0;
  if (fed.sections && !fed.sections.has(d.section)) return 0;
  return fed.weight;
}

// ---------------------------------------------------------------------------------------------------------

function emptyOrgs(): OrgColumns {
  return { id: [], parentId: [], path: [], kind: [], name: [], regionCode: [], sector: [], establishedOn: [], chairName: [], status: [] };
}
function emptyEnterprises(): EnterpriseColumns {
  return {
    id: [], creditCode: [], name: [], nameInitials: [], ownership: [], dualReal: [], employeeCount: [], industry: [],
    address: [], regionCode: [], latitude: [], longitude: [], registeredOn: [], openedOn: [], unionStatus: [], isTarget: [], orgId: [], orgPath: [],
  };
}

function streamFor(...labels: string[]): Random {
  return new Random(hashString(`${SEED}:${labels.join(':')}`));
}

class SeedBuilder {
  readonly orgs = emptyOrgs();
  readonly enterprises = emptyEnterprises();
  readonly coverage: CoverageColumns = { orgId: [], enterpriseId: [], since: [] };
  private readonly creditCodes = new Set<string>();
  readonly anchor: number;
  readonly territorial = new Map<string, number>();
  readonly keyed = new Map<string, number>();
  readonly districtFeds = new Map<string, Fed[]>();
  readonly industryUnionIds: { id: number; region: string; sections: ReadonlySet<IndustrySection> }[] = [];
  chairUnionId = 0;

  constructor(
    readonly scale: SeedScale,
    referenceDate: string,
    private readonly progress: (msg: string) => void,
    readonly targetDate: string = referenceDate,
  ) {
    this.anchor = dayOf(referenceDate);
  }

  addOrg(o: {
    parentId: number | null; kind: OrgKind; name: string; regionCode: string;
    sector?: string | null; establishedDay?: number | null; chairName?: string | null; status?: OrgStatus;
  }): number {
    const id = this.orgs.id.length + 1;
    const path = o.parentId === null ? String(id) : `${this.pathOf(o.parentId)}.${id}`;
    this.orgs.id.push(id);
    this.orgs.parentId.push(o.parentId);
    this.orgs.path.push(path);
    this.orgs.kind.push(o.kind);
    this.orgs.name.push(o.name);
    this.orgs.regionCode.push(o.regionCode);
    this.orgs.sector.push(o.sector ?? null);
    this.orgs.establishedOn.push(o.establishedDay === undefined || o.establishedDay === null ? null : isoOf(o.establishedDay));
    this.orgs.chairName.push(o.chairName ?? null);
    this.orgs.status.push(o.status ?? 'active');
    return id;
  }

  pathOf(id: number): string {
    return this.orgs.path[id - 1] as string;
  }
  nameOf(id: number): string {
    return this.orgs.name[id - 1] as string;
  }

  // -- the tree down to the street unions -----------------------------------------------------------------

  buildTerritorial(): void {
    const random = streamFor('territorial');
    const city = this.addOrg({
      parentId: null, kind: 'city_federation', name: '上海市总工会', regionCode: CITY_CODE,
      establishedDay: dayOf('1950-02-07'), chairName: personName(random),
    });
    this.territorial.set(CITY_CODE, city);
    for (const d of districts) {
      const id = this.addOrg({
        parentId: city, kind: 'district_federation', name: `${d.name}总工会`, regionCode: d.code,
        establishedDay: dayOf('1980-01-01') + random.int(0, 3000), chairName: personName(random),
      });
      this.territorial.set(d.code, id);
    }
    for (const s of shanghaiRegions) {
      if (s.level !== 'street' || !s.parentCode) continue;
      const id = this.addOrg({
        parentId: this.territorial.get(s.parentCode) as number, kind: 'street_federation',
        name: streetUnionNames[s.code] ?? `${regionFullName(s.code)}总工会`, regionCode: s.code,
        establishedDay: dayOf('1990-01-01') + random.int(0, 6000), chairName: personName(random),
      });
      this.territorial.set(s.code, id);
    }
    for (const u of industryUnions) {
      const id = this.addOrg({
        parentId: this.territorial.get(u.region) as number, kind: 'industry_union', name: u.name, regionCode: u.region,
        establishedDay: dayOf('1985-01-01') + random.int(0, 5000), chairName: personName(random),
      });
      this.industryUnionIds.push({ id, region: u.region, sections: new Set(u.sections) });
    }
    // district-level federations (named in the sources)
    for (const n of namedFederations) {
      if (n.region.length !== 6) continue;
      const fed = this.addFederation(n, this.territorial.get(n.region) as number, n.region, random, false);
      const list = this.districtFeds.get(n.region) ?? [];
      list.push(fed);
      this.districtFeds.set(n.region, list);
    }
  }

  addFederation(n: NamedFederation, parentId: number, regionCode: string, random: Random, streetLevel: boolean): Fed {
    const establishedDay = n.establishedOn ? dayOf(n.establishedOn) : this.federationDay(random);
    const id = this.addOrg({
      parentId, kind: n.kind, name: n.name, regionCode, sector: n.sector ?? null, establishedDay, chairName: personName(random),
    });
    if (n.key) this.keyed.set(n.key, id);
    const rule = kindRules[n.kind] ?? { sections: null, weight: 1 };
    let sections: ReadonlySet<IndustrySection> | null = rule.sections ? new Set(rule.sections) : null;
    if (n.kind === 'industry_federation') sections = new Set(sectorSections[n.sector ?? ''] ?? []);
    return {
      id, kind: n.kind, sections, smallOnly: rule.smallOnly ?? false,
      weight: streetLevel ? rule.weight : 2, quota: n.cover ?? null, establishedDay, streetLevel,
    };
  }

  federationDay(random: Random): number {
    // the reform began in July 2016; most federations date from 2016–2020, some are recent
    if (random.chance(0.2)) return Math.min(this.anchor - 30, dayOf('2021-01-01') + random.int(0, 2100));
    return dayOf('2016-07-01') + random.int(0, 1640);
  }

  // -- plans ------------------------------------------------------------------------------------------------

  streetPlans(): StreetPlan[] {
    const random = streamFor('plans', this.scale);
    const plans: StreetPlan[] = [];
    const ordinaryWeights = new Map<string, number>();
    for (const s of shanghaiRegions) {
      if (s.level !== 'street' || !s.parentCode) continue;
      const profile = districtProfiles[s.parentCode];
      if (!profile) throw new Error(`no district profile for ${s.parentCode}`);
      const districtName = regionFullName(s.parentCode);
      const code = s.code;
      const plan: StreetPlan = {
        code, districtCode: s.parentCode, districtName, fullName: regionFullName(code),
        namePrefix: streetNamePrefixes[code] ?? regionFullName(code), profile, cohorts: [],
        level: Math.min(0.95, Math.max(0.2, profile.coverage + (random.next() - 0.5) * 0.2)), genericFederations: 0,
      };
      const kindCode = code.slice(6, 7); // 0 街道, 1 镇, 2 乡, 4 农场/新区, 5 开发区
      if (code === SONGJIANG_ZONE) {
        plan.cohorts = [
          { count: SONGJIANG_ZONE_FIGURES.dualReal, dualReal: 1, nonPublicOnly: true, profile: 'zone' },
          { count: SONGJIANG_ZONE_FIGURES.enterprises - SONGJIANG_ZONE_FIGURES.dualReal, dualReal: 0, nonPublicOnly: true, profile: 'zone' },
        ];
        plan.level = 0.5;
      } else if (code === OUYANGLU) {
        plan.cohorts = [{ count: OUYANGLU_FIGURES.grids * OUYANGLU_FIGURES.perGrid + OUYANGLU_FIGURES.own + OUYANGLU_FIGURES.none, dualReal: 0.75, nonPublicOnly: false, profile: 'standard' }];
      } else if (s.parentCode === BAOSHAN) {
        const core = BAOSHAN_DUAL_REAL[code] ?? 300;
        const extra = Math.round(core * (this.scale === 'demo' ? 0.15 : 2.3));
        plan.cohorts = [
          { count: core, dualReal: 1, nonPublicOnly: true, profile: 'baoshan' },
          { count: extra, dualReal: 0, nonPublicOnly: false, profile: 'standard' },
        ];
        plan.level = code === GUCUN ? 0.9 : 0.82 + random.next() * 0.1;
      } else if (this.scale === 'city') {
        const w = profile.weight * (kindCode === '1' ? 1.3 : kindCode === '5' ? 1.2 : kindCode === '4' ? 0.3 : 1) * (0.6 + 0.8 * random.next());
        ordinaryWeights.set(code, w);
      } else {
        plan.cohorts = [{ count: Math.max(random.int(20, 40), demoStreetMinimum[code] ?? 0), dualReal: 0.68, nonPublicOnly: false, profile: 'standard' }];
      }
      plans.push(plan);
    }
    if (ordinaryWeights.size > 0) {
      let fixed = 0;
      for (const p of plans) for (const c of p.cohorts) fixed += c.count;
      let weightSum = 0;
      for (const w of ordinaryWeights.values()) weightSum += w;
      const perWeight = (CITY_TOTAL_ENTERPRISES - fixed) / weightSum;
      for (const p of plans) {
        const w = ordinaryWeights.get(p.code);
        if (w !== undefined) p.cohorts = [{ count: Math.max(30, Math.round(w * perWeight)), dualReal: 0.68, nonPublicOnly: false, profile: 'standard' }];
      }
    }
    for (const p of plans) {
      const n = p.cohorts.reduce((sum, c) => sum + c.count, 0);
      const namedHere = namedFederations.filter((f) => f.region === p.code);
      const named = namedHere.length;
      const generalNamed = namedHere.some((f) => f.cover === undefined && kindRules[f.kind]?.sections === null && !kindRules[f.kind]?.smallOnly);
      let target: number;
      if (p.code === OUYANGLU) target = 0;
      else if (n < 60) target = 1 + (n >= 30 && random.chance(0.3) ? 1 : 0);
      else target = Math.max(1, Math.round(n / (this.scale === 'city' || n > 1000 ? 380 : 300)));
      p.genericFederations = Math.max(0, target - named);
      // every street has a federation that takes any enterprise (the first generic one is regional)
      if (!generalNamed && p.code !== OUYANGLU) p.genericFederations = Math.max(1, p.genericFederations);
    }
    return plans;
  }

  // -- enterprises -----------------------------------------------------------------------------------------

  makeDrafts(plan: StreetPlan): Draft[] {
    const random = streamFor('drafts', plan.code, String(plan.cohorts.map((c) => c.count).join('/')));
    const drafts: Draft[] = [];
    for (const cohort of plan.cohorts) {
      for (let i = 0; i < cohort.count; i++) {
        const ownership = (cohort.nonPublicOnly ? ownershipNonPublic : ownershipAll).pick(random);
        const nonPublic = isNonPublic(ownership);
        const dualReal = nonPublic ? random.next() < cohort.dualReal : true;
        let employees: number;
        if (ownership === 'individual') employees = dualReal ? random.int(1, 8) : random.int(0, 3);
        else if (!dualReal) employees = Math.min(40, Math.floor(random.logNormal(0.7, 0.9)));
        else if (!nonPublic) employees = Math.min(12_000, 5 + Math.floor(random.logNormal(3.6, 1.2)));
        // (means close to the exact targets applied below: 松江经开区 ≈ 195, 宝山 ≈ 44 per 双实 enterprise)
        else if (cohort.profile === 'zone') employees = Math.min(12_000, 3 + Math.floor(random.logNormal(4.55, 1.2)));
        else if (cohort.profile === 'baoshan') employees = Math.min(9_000, 1 + Math.floor(random.logNormal(2.9, 1.3)));
        else employees = Math.min(9_000, 1 + Math.floor(random.logNormal(2.2, 1.25)));
        const section = ownership === 'individual' ? individualSections.pick(random)
          : cohort.profile === 'zone' ? zoneSections.pick(random) : sectionTable.pick(random);
        // registration: 8 % in the last year, otherwise up to 28 years back, more of them recent
        const age = random.chance(0.08) ? random.int(0, 364) : 365 + Math.floor(365 * 27 * Math.pow(random.next(), 1.6));
        const registeredDay = this.anchor - age;
        let openedDay: number | null = Math.min(this.anchor, registeredDay + Math.floor(random.logNormal(3, 1)));
        if (!dualReal && random.chance(0.5)) openedDay = null; // registered, never operating here
        drafts.push({ ownership, dualReal, employees, section, registeredDay, openedDay, own: false, covered: false, fed: null });
      }
    }
    if (plan.code === SONGJIANG_ZONE) {
      // exact figures: the non-real ones keep their small numbers, the 778 real ones take the rest
      const real = drafts.filter((d) => d.dualReal);
      const other = drafts.filter((d) => !d.dualReal);
      const otherSum = other.reduce((s, d) => s + d.employees, 0);
      const values = real.map((d) => d.employees);
      scaleToSum(values, SONGJIANG_ZONE_FIGURES.employees - otherSum, 1, random);
      real.forEach((d, i) => (d.employees = values[i] as number));
    }
    return random.shuffle(drafts);
  }

  // -- one street: federations, coverage, unions, rows -------------------------------------------------

  seedStreet(plan: StreetPlan, drafts: Draft[]): void {
    const random = streamFor('street', plan.code, String(drafts.length));
    const streetUnion = this.territorial.get(plan.code) as number;
    const feds: Fed[] = [];
    const usedNames = new Set<string>();
    for (const n of namedFederations) {
      if (n.region !== plan.code) continue;
      feds.push(this.addFederation(n, streetUnion, plan.code, random, true));
      usedNames.add(n.name);
    }
    if (plan.code === OUYANGLU) {
      for (let g = 0; g < OUYANGLU_FIGURES.grids; g++) {
        feds.push(this.addFederation(
          { region: plan.code, kind: 'grid_federation', name: `${plan.namePrefix}第${chineseOrdinals[g]}网格工会联合会`, establishedOn: `2017-0${3 + g}-15` },
          streetUnion, plan.code, random, true,
        ));
      }
    }
    const hasGeneral = () => feds.some((f) => f.streetLevel && f.sections === null && !f.smallOnly && f.quota === null);
    const usedSectors = new Set<string>(namedFederations.filter((n) => n.region === plan.code && n.sector).map((n) => n.sector as string));
    const quarters = random.shuffle([...quarterWords]);
    for (let i = 0; i < plan.genericFederations; i++) {
      const kind: OrgKind = !hasGeneral() ? 'regional_federation' : new WeightedTable(genericKindWeights[plan.profile.type]).pick(random);
      const spec = this.genericFederation(kind, plan, random, quarters, usedSectors, usedNames);
      feds.push(this.addFederation(spec, streetUnion, plan.code, random, true));
    }
    const candidates = [...feds.filter((f) => f.quota === null), ...(this.districtFeds.get(plan.districtCode) ?? [])];

    // 1. who has a union
    for (const d of drafts) {
      const nonPublic = isNonPublic(d.ownership);
      let factor: number;
      if (!nonPublic) factor = 1.6;
      else if (!d.dualReal) factor = 0.3;
      else if (d.employees >= 25) factor = 1.5;
      else factor = 1;
      d.covered = random.next() < Math.min(0.97, plan.level * factor);
      if (d.covered) d.own = random.next() < ownShare(d);
    }
    if (plan.code === GUCUN) this.gucunTargets(drafts, random);

    if (plan.code === OUYANGLU) {
      this.ouyangluGrids(drafts, feds, random);
    } else {
      // 2. quotas of named federations (尚街Loft: 30 enterprises)
      for (const fed of feds) {
        if (fed.quota === null) continue;
        let left = fed.quota;
        for (const pass of [0, 1]) {
          for (const d of drafts) {
            if (left === 0) break;
            if (d.own || d.fed || (pass === 0 && !d.covered) || !isNonPublic(d.ownership) || d.employees >= 300) continue;
            d.covered = true;
            d.fed = fed;
            left--;
          }
        }
      }
      // 3. everyone else covered without an own union joins a federation that fits
      for (const d of drafts) {
        if (!d.covered || d.own || d.fed) continue;
        d.fed = pickFed(random, candidates, d);
        if (!d.fed) d.covered = false;
      }
    }
    if (plan.code === GUCUN) this.pickChair(drafts);

    // 4. rows
    const districtCode = plan.districtCode;
    // Around the street's real centre, uniformly over a disc sized to the kind of street (a 街道 ≈ 1 km, a
    // suburban 镇 several km) and at most half the way to the nearest other street's centre (so neighbours' discs
    // never overlap): the positions placed among these enterprises are then nearest to riders in the street.
    const [centreLat, centreLon] = streetCentre(plan.code);
    const radiusKm = Math.min(streetSpreadKm(regionName(plan.code), plan.profile.type), nearestOtherCentreKm(plan.code) / 2);
    const radiusLat = radiusKm / KM_PER_DEGREE_LAT;
    const radiusLon = radiusLat / Math.cos(centreLat * Math.PI / 180);
    const e = this.enterprises;
    for (const d of drafts) {
      const id = e.id.length + 1;
      const generated = d.fixedName ?? enterpriseName(random, {
        section: d.section, individual: d.ownership === 'individual',
        foreign: d.ownership === 'foreign' || d.ownership === 'hk_mo_tw', large: d.employees >= 300,
        group: !isNonPublic(d.ownership) && d.employees >= 1000, districtName: plan.districtName,
      });
      let orgId: number;
      let status: UnionStatus;
      let since = 0;
      const startDay = d.openedDay ?? d.registeredDay;
      if (d.own) {
        since = Math.min(this.anchor, Math.max(startDay, dayOf('1995-01-01')) + random.int(20, 1200));
        orgId = this.enterpriseUnion(plan, d, generated.name, feds, since, random);
        status = 'own';
      } else if (d.covered && d.fed) {
        orgId = d.fed.id;
        since = Math.min(this.anchor, Math.max(d.fed.establishedDay, startDay) + random.int(0, 240));
        status = 'covered';
      } else {
        orgId = streetUnion;
        status = 'none';
      }
      e.id.push(id);
      e.creditCode.push(this.creditCode(random, d, districtCode));
      e.name.push(generated.name);
      e.nameInitials.push(generated.initials);
      e.ownership.push(d.ownership);
      e.dualReal.push(d.dualReal);
      e.employeeCount.push(d.employees);
      e.industry.push(d.section);
      e.address.push(address(random, plan.fullName));
      e.regionCode.push(plan.code);
      // two draws, as before the real centres, so every later draw of the stream (names, sizes…) is unchanged
      const angle = random.next() * 2 * Math.PI;
      const distance = Math.sqrt(random.next());
      e.latitude.push(round5(clamp(centreLat + distance * radiusLat * Math.sin(angle), 30.68, 31.85)));
      e.longitude.push(round5(clamp(centreLon + distance * radiusLon * Math.cos(angle), 120.88, 122.0)));
      e.registeredOn.push(isoOf(d.registeredDay));
      e.openedOn.push(d.openedDay === null ? null : isoOf(d.openedDay));
      e.unionStatus.push(status);
      e.isTarget.push(isTargetEnterprise(DEFAULT_TARGET_RULE, {
        ownership: d.ownership, dualReal: d.dualReal, employeeCount: d.employees,
        openedOn: e.openedOn[e.openedOn.length - 1] ?? null, registeredOn: isoOf(d.registeredDay),
      }, this.targetDate));
      e.orgId.push(orgId);
      e.orgPath.push(this.pathOf(orgId));
      if (status !== 'none') {
        this.coverage.orgId.push(orgId);
        this.coverage.enterpriseId.push(id);
        this.coverage.since.push(isoOf(since));
      }
    }
  }

  /**
   * 顾村: ≥ 90 % of 双实 non-public enterprises with ≥ 25 employees have a union. Those without are half the
   * newest (not built yet) and half older holdouts spread through the rest (the campaign's worklist).
   */
  private gucunTargets(drafts: Draft[], random: Random): void {
    const group = drafts.filter((d) => d.dualReal && isNonPublic(d.ownership) && d.employees >= 25);
    group.sort((a, b) => (b.openedDay ?? b.registeredDay) - (a.openedDay ?? a.registeredDay));
    const uncovered = Math.floor(group.length * (1 - GUCUN_TARGET_COVERAGE));
    const newest = Math.floor(uncovered / 2);
    const step = Math.max(1, Math.floor((group.length - newest) / Math.max(1, uncovered - newest)));
    group.forEach((d, i) => {
      const holdout = i >= newest && (i - newest) % step === step - 1 && (i - newest) < step * (uncovered - newest);
      if (i < newest || holdout) {
        d.covered = false;
        d.own = false;
      } else if (!d.covered) {
        d.covered = true;
        d.own = random.next() < ownShare(d);
      }
    });
  }

  /** 欧阳路: the 50 largest real enterprises have own unions, 57 have none, 5 grids of 150 cover the rest. */
  private ouyangluGrids(drafts: Draft[], feds: Fed[], random: Random): void {
    const grids = feds.filter((f) => f.kind === 'grid_federation');
    const byEmployees = drafts
      .map((d, i) => ({ d, i }))
      .filter(({ d }) => d.dualReal)
      .sort((a, b) => b.d.employees - a.d.employees || a.i - b.i);
    const own = new Set(byEmployees.slice(0, OUYANGLU_FIGURES.own).map(({ d }) => d));
    const rest = drafts.filter((d) => !own.has(d));
    const none = new Set(random.sample(rest, OUYANGLU_FIGURES.none));
    let g = 0;
    let k = 0;
    drafts.forEach((d) => {
      if (own.has(d)) {
        d.own = true;
        d.covered = true;
        d.fed = grids[k++ % grids.length] ?? null; // the grid the enterprise sits in (parent of its union)
      } else if (none.has(d)) {
        d.own = false;
        d.covered = false;
        d.fed = null;
      } else {
        d.own = false;
        d.covered = true;
        d.fed = grids[Math.floor(g++ / OUYANGLU_FIGURES.perGrid)] ?? null;
      }
    });
  }

  /** The demo chair's enterprise in 顾村: a manufacturer with its own union. */
  private pickChair(drafts: Draft[]): void {
    const chosen = drafts.find((d) => d.own && d.section === 'C' && d.employees >= 100 && d.employees <= 2000)
      ?? drafts.find((d) => d.own && d.employees >= 25);
    if (!chosen) throw new Error('seed: no enterprise with its own union in 顾村');
    chosen.section = 'C';
    chosen.fixedName = joinParts(['上海', '宝顾', '精密机械', '有限公司']);
  }

  private enterpriseUnion(plan: StreetPlan, d: Draft, enterpriseName: string, feds: Fed[], since: number, random: Random): number {
    let parent = this.territorial.get(plan.code) as number;
    if (d.fed) {
      parent = d.fed.id; // 欧阳路: the grid
    } else if (!isNonPublic(d.ownership) && d.employees >= 100 && random.chance(0.5)) {
      // large state / collective enterprises: some unions belong to an 产业工会 (a district one first)
      const union = this.industryUnionIds.find((u) => u.sections.has(d.section) && u.region === plan.districtCode)
        ?? this.industryUnionIds.find((u) => u.sections.has(d.section) && u.region === CITY_CODE);
      if (union) parent = union.id;
    } else if (random.chance(0.4)) {
      const fed = pickFed(random, feds.filter((f) => f.quota === null && f.kind !== 'industry_federation'), d);
      if (fed) parent = fed.id;
    }
    const id = this.addOrg({
      parentId: parent, kind: 'enterprise_union', name: `${enterpriseName}工会`, regionCode: plan.code,
      establishedDay: since, chairName: personName(random),
    });
    if (d.fixedName) this.chairUnionId = id;
    const branches = d.employees >= 1000 ? random.int(2, 4) : d.employees >= 300 && random.chance(0.25) ? random.int(1, 2) : 0;
    for (const dept of random.sample(branchDepartments, branches)) {
      this.addOrg({
        parentId: id, kind: 'branch_union', name: `${enterpriseName}工会${dept}分会`, regionCode: plan.code,
        establishedDay: Math.min(this.anchor, since + random.int(30, 900)), chairName: personName(random),
      });
    }
    return id;
  }

  private genericFederation(
    kind: OrgKind, plan: StreetPlan, random: Random, quarters: string[], usedSectors: Set<string>, usedNames: Set<string>,
  ): NamedFederation {
    const p = plan.namePrefix;
    for (let attempt = 0; ; attempt++) {
      let name: string;
      let sector: string | undefined;
      let k = kind;
      switch (k) {
        case 'industry_federation': {
          const free = sectorsByDistrictType[plan.profile.type].filter((s) => !usedSectors.has(s));
          if (free.length === 0) {
            k = 'regional_federation';
            name = `${p}${quarters.pop() ?? random.pick(quarterWords) + random.int(2, 9)}区域工会联合会`;
            break;
          }
          sector = random.pick(free);
          usedSectors.add(sector);
          name = `${p}${sector}行业工会联合会`;
          break;
        }
        case 'park_federation':
          name = `${p}${random.pick(brandWords)}${random.pick(parkSuffixes)}园区工会联合会`;
          break;
        case 'building_federation':
          name = `${p}${random.pick(brandWords)}${random.pick(buildingSuffixes)}楼宇工会联合会`;
          break;
        case 'business_district_federation':
          name = `${p}${random.pick(brandWords)}商圈工会联合会`;
          break;
        case 'grid_federation':
          name = `${p}第${chineseOrdinals[random.int(0, 9)]}网格工会联合会`;
          break;
        case 'street_front_federation':
          name = `${p}${roadName(random)}街面工会联合会`;
          break;
        case 'community_federation':
          name = `${p}${random.pick(brandWords)}${random.pick(communitySuffixes)}社区工会联合会`;
          break;
        case 'residence_federation':
          name = `${p}${random.pick(brandWords)}租住地工会联合会`;
          break;
        case 'project_site_federation':
          name = `${p}${random.pick(brandWords)}项目工地工会联合会`;
          break;
        case 'fellowship_union':
          name = `${p}联谊工会`;
          break;
        case 'joint_union':
          name = `${p}${random.pick(brandWords)}${random.pick(['园区', '商厦', '创意园'])}联合工会`;
          break;
        default:
          k = 'regional_federation';
          name = `${p}${quarters.pop() ?? random.pick(quarterWords) + random.int(2, 9)}区域工会联合会`;
      }
      if (!usedNames.has(name) || attempt > 20) {
        if (usedNames.has(name)) name = `${name.replace(/(工会联合会|联合工会|联谊工会)$/, '')}${attempt}${name.match(/(工会联合会|联合工会|联谊工会)$/)?.[0] ?? ''}`;
        usedNames.add(name);
        return { region: plan.code, kind: k, name, ...(sector ? { sector } : {}) };
      }
    }
  }

  private creditCode(random: Random, d: Draft, districtCode: string): string {
    // GB 32100: 登记管理部门 9 (工商) + 机构类别 1 企业 / 2 个体工商户, the 6-digit division, 9 characters, check character
    const prefix = (d.ownership === 'individual' ? '92' : '91') + districtCode;
    let prefixSum = 0;
    for (let i = 0; i < 8; i++) prefixSum += (prefix.charCodeAt(i) - 48) * (CREDIT_CODE_WEIGHTS[i] as number);
    for (;;) {
      let body = prefix;
      let sum = prefixSum;
      for (let i = 8; i < 17; i++) {
        const v = Math.floor(random.next() * 31);
        sum += v * (CREDIT_CODE_WEIGHTS[i] as number);
        body += CREDIT_CODE_ALPHABET[v] as string;
      }
      const code = body + (CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31] as string);
      if (!this.creditCodes.has(code)) {
        this.creditCodes.add(code);
        return code;
      }
    }
  }

  // -- the whole thing --------------------------------------------------------------------------------------

  run(): void {
    this.buildTerritorial();
    const plans = this.streetPlans();
    for (const district of districts) {
      const streets = plans.filter((p) => p.districtCode === district.code);
      const drafts = streets.map((p) => this.makeDrafts(p));
      if (district.code === BAOSHAN) {
        // 8000+ 双实 non-public enterprises with 36万+ employees
        const core = drafts.flatMap((list) => list.filter((d) => d.dualReal && isNonPublic(d.ownership)));
        const values = core.map((d) => d.employees);
        scaleToSum(values, BAOSHAN_DUAL_REAL_EMPLOYEES, 1, streamFor('baoshan-employees'));
        core.forEach((d, i) => (d.employees = values[i] as number));
      }
      streets.forEach((p, i) => this.seedStreet(p, drafts[i] as Draft[]));
      this.progress(`generated ${district.name}: ${this.enterprises.id.length} enterprises, ${this.orgs.id.length} unions so far`);
    }
  }
}

function ownShare(d: Draft): number {
  if (!isNonPublic(d.ownership)) return d.employees >= 25 ? 0.95 : 0.5;
  if (d.employees >= 300) return 0.95;
  if (d.employees >= 100) return 0.8;
  if (d.employees >= 25) return 0.45;
  if (d.employees >= 10) return 0.08;
  return 0.02;
}

function pickFed(random: Random, feds: readonly Fed[], d: Draft): Fed | null {
  let total = 0;
  for (const f of feds) total += affinity(f, d);
  if (total <= 0) return null;
  let x = random.next() * total;
  for (const f of feds) {
    x -= affinity(f, d);
    if (x < 0) return f;
  }
  return feds.findLast((f) => affinity(f, d) > 0) ?? null;
}

const KM_PER_DEGREE_LAT = 111.2;

/** The street's `[lat, lon]` (WGS-84 degrees); every street of shanghai-regions.json has one (street-centres.test.ts). */
function streetCentre(code: string): readonly [number, number] {
  const centre = streetCentres[code];
  if (!centre) throw new Error(`no centre for street ${code} in reference/street-centres.ts`);
  return centre;
}

/** Flat-earth km between two `[lat, lon]` points (a few km apart in Shanghai: the error is negligible). */
function kmBetween(a: readonly [number, number], b: readonly [number, number]): number {
  const dLat = (a[0] - b[0]) * KM_PER_DEGREE_LAT;
  const dLon = (a[1] - b[1]) * KM_PER_DEGREE_LAT * Math.cos((a[0] * Math.PI) / 180);
  return Math.hypot(dLat, dLon);
}

let nearestCentreKm: Map<string, number> | null = null;
/** km from the street's centre to the nearest other street's centre, citywide (computed once, 234² pairs). */
function nearestOtherCentreKm(code: string): number {
  if (!nearestCentreKm) {
    const entries = Object.entries(streetCentres);
    nearestCentreKm = new Map(entries.map(([c, p]) => [c, Math.min(...entries.filter(([o]) => o !== c).map(([, q]) => kmBetween(p, q)))]));
  }
  return nearestCentreKm.get(code) ?? Infinity;
}

function clamp(v: number, min: number, max: number): number {
  return v < min ? min : v > max ? max : v;
}
function round5(v: number): number {
  return Math.round(v * 100_000) / 100_000;
}

// ---------------------------------------------------------------------------------------------------------

/** Builds all rows of a scale deterministically (same output every run). */
export function generateSeedData(options: GenerateOptions): SeedData {
  const referenceDate = options.referenceDate ?? SEED_REFERENCE_DATE;
  const b = new SeedBuilder(options.scale, referenceDate, options.onProgress ?? (() => {}), options.targetDate);
  b.run();

  const t = b.territorial;
  const id = (code: string) => t.get(code) as number;
  const keyed = (key: string) => {
    const v = b.keyed.get(key);
    if (v === undefined) throw new Error(`seed: named federation ${key} missing`);
    return v;
  };
  const loginSpecs: { username: string; role: Role; orgId: number }[] = [
    { username: 'demo-city', role: 'city_staff', orgId: id(CITY_CODE) },
    { username: 'demo-baoshan', role: 'district_staff', orgId: id(BAOSHAN) },
    { username: 'demo-gucun', role: 'street_staff', orgId: id(GUCUN) },
    { username: 'demo-nanjingdonglu', role: 'street_staff', orgId: id(NANJINGDONGLU) },
    { username: 'demo-yanghang-sw', role: 'social_worker', orgId: keyed('yanghang-logistics') },
    { username: 'demo-gucun-sw', role: 'social_worker', orgId: keyed('gucun-regional') },
    { username: 'demo-chair', role: 'enterprise_chair', orgId: b.chairUnionId },
    { username: 'demo-assessor', role: 'assessor', orgId: id(BAOSHAN) },
    { username: 'demo-member', role: 'member', orgId: b.chairUnionId },
  ];
  const random = streamFor('users');
  const users: UserSpec[] = [];
  for (const l of loginSpecs) {
    users.push({ id: users.length + 1, username: l.username, displayName: personName(random), role: l.role, orgId: l.orgId, orgName: b.nameOf(l.orgId) });
  }
  // one staff account per district and street union
  for (const r of shanghaiRegions) {
    if (r.level === 'city') continue;
    const orgId = id(r.code);
    users.push({
      id: users.length + 1, username: `staff-${r.code}`, displayName: personName(random),
      role: r.level === 'district' ? 'district_staff' : 'street_staff', orgId, orgName: b.nameOf(orgId),
    });
  }
  return {
    scale: options.scale,
    referenceDate,
    orgs: b.orgs,
    enterprises: b.enterprises,
    coverage: b.coverage,
    users,
    logins: users.slice(0, loginSpecs.length).map((u) => ({ username: u.username, role: u.role, orgName: u.orgName })),
  };
}
