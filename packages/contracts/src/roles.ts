export const roles = [
  'city_staff',
  'district_staff',
  'street_staff',
  'social_worker',
  'enterprise_chair',
  'member',
  'assessor',
] as const;
export type Role = (typeof roles)[number];

/** Roles that may change records inside their scope. Assessors read; members see only themselves. */
export function roleCanWrite(role: Role): boolean {
  switch (role) {
    case 'city_staff':
    case 'district_staff':
    case 'street_staff':
    case 'social_worker':
    case 'enterprise_chair':
      return true;
    case 'member':
    case 'assessor':
      return false;
  }
}
