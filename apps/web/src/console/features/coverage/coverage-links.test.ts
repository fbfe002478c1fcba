import { describe, expect, it } from 'vitest';
import { campaignLink, cockpitLink, enterprisesLink, membersLink, orgTreeLink } from './coverage-links.ts';

describe('cockpit links', () => {
  it('leads each figure to the list it counts', () => {
    expect(enterprisesLink(12)).toBe('/enterprises?orgId=12');
    expect(enterprisesLink(12, { target: true })).toBe('/enterprises?orgId=12&target=true');
    expect(enterprisesLink(12, { target: true, covered: true })).toBe('/enterprises?orgId=12&target=true&covered=true');
    expect(enterprisesLink(12, { target: true, covered: false })).toBe('/enterprises?orgId=12&target=true&covered=false');
    expect(enterprisesLink(12, { covered: true })).toBe('/enterprises?orgId=12&covered=true');
    expect(membersLink(12)).toBe('/members?orgId=12&status=active');
    expect(membersLink(12, 'informal')).toBe('/members?orgId=12&status=active&category=informal');
    expect(orgTreeLink(12)).toBe('/orgs?org=12');
    expect(campaignLink(118)).toBe('/campaign?orgId=118');
  });

  it('keeps a past period when drilling', () => {
    expect(cockpitLink(118)).toBe('/coverage?orgId=118');
    expect(cockpitLink(118, '2026-05')).toBe('/coverage?orgId=118&period=2026-05');
  });
});
