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
