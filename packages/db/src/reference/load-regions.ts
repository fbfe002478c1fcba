import { createHash } from 'node:crypto';
import type { DatabaseHandle } from '../client.ts';
import { shanghaiRegions } from './regions.ts';

/** One line per region, in code order: the same text in JS and in SQL (`regionsFingerprint` below). */
function fingerprintOf(rows: readonly { code: string; name: string; level: string; parentCode: string | null }[]): string {
  const text = [...rows].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
    .map((r) => `${r.code}|${r.name}|${r.level}|${r.parentCode ?? ''}`).join('\n');
  return createHash('md5').update(text, 'utf8').digest('hex');
}

/**
 * Loads (or refreshes) the GB/T 2260 reference rows; idempotent. Returns how many rows the reference has and
 * whether they were written: a database whose rows already equal the reference (an MD5 over the rows in code order,
 * computed by the database and here) is left alone — a restart's case, one small query instead of an upsert.
 */
export async function loadRegions(handle: DatabaseHandle): Promise<{ rows: number; written: boolean }> {
  const [present] = await handle.query<{ md5: string | null }>(
    `SELECT md5(string_agg(code || '|' || name || '|' || level || '|' || coalesce(parent_code, ''), E'\n' ORDER BY code COLLATE "C")) AS md5
       FROM regions`,
  );
  if (present?.md5 === fingerprintOf(shanghaiRegions)) return { rows: shanghaiRegions.length, written: false };
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
  return { rows: shanghaiRegions.length, written: true };
}
