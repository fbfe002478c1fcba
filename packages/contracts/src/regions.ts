import { z } from 'zod';

/** GB/T 2260 codes: 6 digits for city and district, 9 for a street/town (district code + 3 digits). */
export const regionLevels = ['city', 'district', 'street'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const SHANGHAI_CODE = '310000';

export const regionCodeSchema = z.string().regex(/^31\d{4}(\d{3})?$/, { message: 'region.code' });

export const regionSchema = z.object({
  code: z.string(),
  /** the official Chinese name, e.g. 顾村镇 */
  name: z.string(),
  /** English: the name in pinyin plus the kind of division, e.g. "Gucun Town" (made by packages/db at load) */
  nameEn: z.string(),
  level: z.enum(regionLevels),
  parentCode: z.string().nullable(),
});
export type Region = z.infer<typeof regionSchema>;
/** A row of the GB/T 2260 reference as stored (packages/db): a Region before its English name is made. */
export type ReferenceRegion = Omit<Region, 'nameEn'>;
