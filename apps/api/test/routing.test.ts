import { describe, expect, it } from 'vitest';
import { routeApplication, type RoutingFacts } from '../src/features/applications/routing.ts';

const GUCUN = '310113109';
const base: RoutingFacts = {
  occupation: 'rider',
  employer: null,
  statedRegionCode: GUCUN,
  industryFederations: [
    { id: 20, name: '顾村镇网约送餐员行业工会联合会', regionCode: GUCUN, sector: '网约送餐员' },
    { id: 21, name: '宝山区网约送餐员行业工会联合会', regionCode: '310113', sector: '网约送餐员' },
    { id: 22, name: '宝山区快递物流行业工会联合会', regionCode: '310113', sector: '快递物流' },
  ],
  territorialUnions: [
    { id: 1, name: '上海市总工会', regionCode: '310000' },
    { id: 2, name: '宝山区总工会', regionCode: '310113' },
    { id: 3, name: '宝山区顾村镇总工会', regionCode: GUCUN },
  ],
};
const employer = (over: Partial<NonNullable<RoutingFacts['employer']>> = {}) => ({ ownUnion: null, coveringUnion: null, regionCode: GUCUN, ...over });

describe('routing an application (first rule that applies)', () => {
  it('1. the employer\'s own union', () => {
    const decision = routeApplication({ ...base, employer: employer({ ownUnion: { id: 9, name: 'A 公司工会' }, coveringUnion: { id: 8, name: '联合工会' } }) });
    expect(decision).toEqual({ org: { id: 9, name: 'A 公司工会' }, reason: 'own_union', hasEmployer: true });
  });

  it('2. a joint union or federation covering the employer', () => {
    expect(routeApplication({ ...base, employer: employer({ coveringUnion: { id: 8, name: '联合工会' } }) }).reason).toBe('covering_union');
  });

  it('3. an industry federation for the occupation: the street\'s before the district\'s', () => {
    expect(routeApplication({ ...base, employer: employer() }).org.id).toBe(20);
    const withoutStreet = { ...base, industryFederations: base.industryFederations.filter((f) => f.id !== 20) };
    expect(routeApplication(withoutStreet)).toMatchObject({ org: { id: 21 }, reason: 'industry_federation', hasEmployer: false });
    expect(routeApplication({ ...base, occupation: 'courier' }).org.id).toBe(22);
  });

  it('3. uses the stated district when there is no employer and no street', () => {
    expect(routeApplication({ ...base, statedRegionCode: '310113' }).org.id).toBe(21);
  });

  it('4. the territorial union of the area when no federation fits', () => {
    expect(routeApplication({ ...base, occupation: 'office' })).toMatchObject({ org: { id: 3 }, reason: 'territorial_union' });
    expect(routeApplication({ ...base, occupation: 'factory', statedRegionCode: '310113' }).org.id).toBe(2);
    const noStreetUnion = { ...base, occupation: 'office' as const, territorialUnions: base.territorialUnions.filter((t) => t.id !== 3) };
    expect(routeApplication(noStreetUnion).org.id).toBe(2);
  });

  it('the employer\'s street wins over the stated one', () => {
    const elsewhere = { ...base, occupation: 'office' as const, statedRegionCode: '310101002', employer: employer() };
    expect(routeApplication(elsewhere).org.id).toBe(3);
  });
});
