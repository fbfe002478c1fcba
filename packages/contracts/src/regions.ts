import { z } from 'zod';

/** GB/T 2260 codes: 6 digits for city and district, 9 for a street/town (district code + 3 digits). */
export const regionLevels = ['city', 'district', 'street'] as const;
export type RegionLevel = (typeof regionLevels)[number];

export const SHANGHAI_CODE = '310000';

export const regionCodeSchema = z.string().regex(/^31\d{4}(\d{3})?$/, { message: 'region.code' });

export const regionSchema = z.object({
  code: z.string(),
  name: z.string(),
  level: z.enum(regionLevels),
  parentCode: z.string().nullable(),
});
export type Region = z.infer<typeof regionSchema>;
