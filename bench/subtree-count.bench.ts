import type { DatabaseHandle } from '@lianxin/db';
import { fmt, percentile, timeMs } from './stats.ts';

interface Figures { enterprises: number; employees: number }

const LTREE = `select count(*)::int as enterprises, coalesce(sum(employee_count), 0)::bigint::text as employees
                 from enterprises where org_path <@ (select path from orgs where id = $1)`;
const RECURSIVE_CTE = `with recursive sub as (
                         select id from orgs where id = $1
                         union all
                         select o.id from orgs o join sub on o.parent_id = sub.id)
                       select count(*)::int as enterprises, coalesce(sum(e.employee_count), 0)::bigint::text as employees
                         from enterprises e join sub on e.org_id = sub.id`;

/**
 * Enterprises and employees under each district union: the ltree subtree test the app uses, against the same
 * count through a recursive CTE over parent ids, interleaved on the same database in the same run.
 */
export async function benchSubtreeCount(handle: DatabaseHandle, rounds = 30) {
  const districts = await handle.query<{ id: number; name: string }>(
    `select id, name from orgs where kind = 'district_federation' order by id`,
  );
  const samples = { ltree: [] as number[], cte: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    for (const district of districts) {
      const a = await timeMs(() => handle.query<Figures>(LTREE, [district.id]));
      const b = await timeMs(() => handle.query<Figures>(RECURSIVE_CTE, [district.id]));
      if (round === 0 && JSON.stringify(a.result) !== JSON.stringify(b.result)) {
        throw new Error(`subtree counts differ for ${district.name}: ${JSON.stringify(a.result)} vs ${JSON.stringify(b.result)}`);
      }
      // the first round warms caches for both
      if (round > 0) {
        samples.ltree.push(a.ms);
        samples.cte.push(b.ms);
      }
    }
  }
  const row = (name: string, s: number[]) => ({ name, p50: percentile(s, 50), p95: percentile(s, 95), n: s.length });
  const ltree = row('ltree subtree (app)', samples.ltree);
  const cte = row('recursive CTE over parent ids (baseline)', samples.cte);
  console.log(`\nSubtree count under a district (${districts.length} districts × ${rounds - 1} rounds)`);
  for (const r of [ltree, cte]) console.log(`  ${r.name.padEnd(42)} p50 ${fmt(r.p50)} ms  p95 ${fmt(r.p95)} ms`);
  console.log(`  ratio (baseline / app): p50 ${fmt(cte.p50 / ltree.p50)}×  p95 ${fmt(cte.p95 / ltree.p95)}×`);
  return { ltree, cte };
}
