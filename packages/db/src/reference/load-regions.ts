import type { DatabaseHandle } from '../client.ts';
import { shanghaiRegions } from './regions.ts';

/** Loads (or refreshes) the GB/T 2260 reference rows; idempotent. */
export async function loadRegions(handle: DatabaseHandle): Promise<number> {
  await handle.query(
    `INSERT INTO regions (code, name, level, parent_code)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])
     ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, level = EXCLUDED.level, parent_code = EXCLUDED.parent_code`,
    [
      shanghaiRegions.map((r) => r.code),
      shanghaiRegions.map((r) => r.name),
      shanghaiRegions.map((r) => r.level),
      shanghaiRegions.map((r) => r.parentCode),
    ],
  );
  return shanghaiRegions.length;
}
