import { occupationSectors, type Occupation, type OrgRef, type RoutingReason } from '@lianxin/contracts';

export interface RoutingCandidate extends OrgRef {
  regionCode: string;
}

/** Everything the routing rule looks at, gathered by the service; the rule itself touches no database. */
export interface RoutingFacts {
  occupation: Occupation;
  employer: {
    /** the enterprise's own union, if it has one */
    ownUnion: OrgRef | null;
    /** a joint union or federation covering it, if any */
    coveringUnion: OrgRef | null;
    regionCode: string;
  } | null;
  /** the applicant's stated street or district when there is no employer */
  statedRegionCode: string | null;
  /** industry federations with their sector, in the street and district of the area */
  industryFederations: (RoutingCandidate & { sector: string })[];
  /** territorial unions (street, district, city) of the area */
  territorialUnions: RoutingCandidate[];
}

export interface RoutingDecision {
  org: OrgRef;
  reason: RoutingReason;
  /** employer present? (the wording of the industry-federation reason differs) */
  hasEmployer: boolean;
}

/**
 * Where an application goes, first rule that applies:
 * (1) the employer's own union; (2) a joint union or federation covering the employer; (3) an industry federation
 * for the occupation in the employer's (or the stated) street, else its district; (4) the territorial union of
 * that street, else district, else the city.
 */
export function routeApplication(facts: RoutingFacts): RoutingDecision {
  const hasEmployer = facts.employer !== null;
  if (facts.employer?.ownUnion) return { org: ref(facts.employer.ownUnion), reason: 'own_union', hasEmployer };
  if (facts.employer?.coveringUnion) return { org: ref(facts.employer.coveringUnion), reason: 'covering_union', hasEmployer };

  const area = facts.employer?.regionCode ?? facts.statedRegionCode;
  if (!area) throw new Error('routing needs an employer or a stated region');
  const street = area.length === 9 ? area : null;
  const district = area.slice(0, 6);
  const sector = occupationSectors[facts.occupation];
  if (sector) {
    const matching = facts.industryFederations.filter((f) => f.sector === sector);
    const inStreet = street ? matching.find((f) => f.regionCode === street) : undefined;
    const inDistrict = matching.find((f) => f.regionCode === district);
    const federation = inStreet ?? inDistrict;
    if (federation) return { org: ref(federation), reason: 'industry_federation', hasEmployer };
  }
  const territorial =
    (street ? facts.territorialUnions.find((t) => t.regionCode === street) : undefined) ??
    facts.territorialUnions.find((t) => t.regionCode === district) ??
    facts.territorialUnions.find((t) => t.regionCode === '310000');
  if (!territorial) throw new Error(`no territorial union for ${area}`);
  return { org: ref(territorial), reason: 'territorial_union', hasEmployer };
}

const ref = (org: OrgRef): OrgRef => ({ id: org.id, name: org.name });
