import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { can, capabilityNames, rolesWith, roles, type ActorGrant } from '../src/index.ts';

describe('role rules', () => {
  it('lets staff write and assessors only read', () => {
    for (const role of ['city_staff', 'district_staff', 'street_staff', 'social_worker', 'enterprise_chair'] as const) {
      expect(can(role, 'records.write'), role).toBe(true);
      expect(can(role, 'records.read'), role).toBe(true);
    }
    expect(can('assessor', 'records.read')).toBe(true);
    expect(can('assessor', 'records.write')).toBe(false);
    expect(can('member', 'records.read')).toBe(false);
  });

  it('lets only federation staff set targets and only city staff change the rule', () => {
    expect(roles.filter((r) => can(r, 'coverage.setTargets'))).toEqual(['city_staff', 'district_staff', 'street_staff']);
    expect(roles.filter((r) => can(r, 'coverage.setTargetRule'))).toEqual(['city_staff']);
    expect(rolesWith('members.reveal')).not.toContain('enterprise_chair');
  });

  it('gives grant-only capabilities to no role', () => {
    for (const capability of ['requests.approveExtension', 'congress.fileProposals', 'congress.jointCouncil', 'evaluation.check'] as const) {
      expect(roles.filter((r) => can(r, capability)), capability).toEqual([]);
    }
  });
});

describe('grants', () => {
  const head: ActorGrant = { kind: 'unit_head', orgId: 37, orgPath: '1.4.37' };
  const user = { role: 'street_staff' as const, grants: [head] };

  it('hold at the granted unit and below it, not beside or above it', () => {
    expect(can(user, 'requests.approveExtension', '1.4.37')).toBe(true);
    expect(can(user, 'requests.approveExtension', '1.4.37.912')).toBe(true);
    expect(can(user, 'requests.approveExtension', '1.4.371')).toBe(false);
    expect(can(user, 'requests.approveExtension', '1.4')).toBe(false);
    expect(can(user, 'congress.fileProposals', '1.4.37')).toBe(false);
  });

  it('count anywhere when no unit is asked (whether to show a screen)', () => {
    expect(can(user, 'requests.approveExtension')).toBe(true);
    expect(can({ role: 'street_staff' }, 'requests.approveExtension')).toBe(false);
  });

  it('add to what the role gives, never take away', () => {
    expect(can({ role: 'street_staff', grants: [{ kind: 'assessor', orgId: 4, orgPath: '1.4' }] }, 'evaluation.assess', '1.4.9')).toBe(true);
    expect(can({ role: 'city_staff', grants: [{ kind: 'assessor', orgId: 4, orgPath: '1.4' }] }, 'funds.manage')).toBe(true);
  });

  it('give the read-only assessor role no write (third-party scores come with the duty)', () => {
    expect(can({ role: 'assessor', grants: [] }, 'evaluation.assess', '1.4')).toBe(false);
  });

  it('every capability has a rule', () => {
    expect(capabilityNames.length).toBeGreaterThan(5);
    for (const name of capabilityNames) expect(typeof can('city_staff', name)).toBe('boolean');
  });
});

/**
 * Role rules live only in the capabilities module: no source file of the API or the web names a staff role
 * (e.g. `role === 'city_staff'`), except the seed, which creates the demo accounts.
 */
describe('no role checks outside the capabilities module', () => {
  const root = fileURLToPath(new URL('../../../', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : files(path);
      return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
    });
  const staffRoles = roles.filter((r) => r !== 'member');
  const pattern = new RegExp(`['"](${staffRoles.join('|')})['"]`);

  it('finds no staff role named in apps/api/src or apps/web/src', () => {
    const offenders = [...files(join(root, 'apps/api/src')), ...files(join(root, 'apps/web/src'))]
      .map((path) => relative(root, path))
      .filter((path) => pattern.test(readFileSync(join(root, path), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
