/**
 * `npx tsx bench/export.bench.ts [runs]`: the member export of the demo's largest union (顾村, all its members)
 * on the embedded database, as `npm start` builds it — time to the first byte (the headers with the row count:
 * the "sign of life"), time to the whole file, and the file's size — against a raw baseline in the same run:
 * reading the same rows in the same order with the same joins and decrypting and masking them, without writing
 * a spreadsheet. Also a filtered export (a search and a join channel). Copy the summary into docs/PERFORMANCE.md.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'drizzle-orm';
import { loadRegions, migrateDatabase, openDatabase, queryRows } from '@lianxin/db';
import { seedDatabase } from '@lianxin/db/seed';
import { maskIdNumber, maskPhone } from '@lianxin/contracts';
import { buildApp } from '../apps/api/src/app.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { features } from '../apps/api/src/features/index.ts';
import { fmt, percentile, timeMs } from './stats.ts';

const runs = Number(process.argv[2] ?? 5);
const dir = mkdtempSync(join(tmpdir(), 'lianxin-export-bench-'));
const password = 'bench-password-1';
const handle = await openDatabase({ dataDir: join(dir, 'pglite') });
await migrateDatabase(handle);
await loadRegions(handle);
const app = await buildApp({ handle, config: { ...loadConfig({}), webDist: null }, piiKey: randomBytes(32) });
const seeded = await timeMs(async () => {
  await seedDatabase(handle, { scale: 'demo', demoPassword: password });
  for (const feature of features) await feature.demo?.(app);
});
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

const login = await fetch(`${base}/api/auth/login`, {
  method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'demo-gucun', password }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
const [largest] = await queryRows<{ path: string; name: string; members: number }>(handle.db, sql`
  select o.path::text as path, o.name, (select count(*)::int from members m where m.org_path <@ o.path) as members
    from orgs o join users u on u.org_id = o.id where u.username = 'demo-gucun'`);

async function download(query: string): Promise<{ firstByteMs: number; totalMs: number; bytes: number; rows: number }> {
  const start = performance.now();
  const response = await fetch(`${base}/api/members/export.xlsx${query}`, { headers: { cookie } });
  const firstByteMs = performance.now() - start;
  if (!response.ok) throw new Error(`export: ${response.status} ${await response.text()}`);
  const bytes = (await response.arrayBuffer()).byteLength;
  return { firstByteMs, totalMs: performance.now() - start, bytes, rows: Number(response.headers.get('x-export-rows')) };
}

/** The same rows, order and joins, decrypted and masked: everything but the spreadsheet. */
async function raw(): Promise<number> {
  const rows = await queryRows<{ id_number_enc: string; phone_enc: string }>(handle.db, sql`
    select m.*, o.name as union_name, e.name as enterprise_name from members m
      join orgs o on o.id = m.org_id left join enterprises e on e.id = m.enterprise_id
     where m.org_path <@ ${largest!.path}::ltree order by m.id desc`);
  for (const r of rows) {
    maskIdNumber(app.keys.cipher.decrypt(r.id_number_enc));
    maskPhone(app.keys.cipher.decrypt(r.phone_enc));
  }
  return rows.length;
}

const filtered = `?q=${encodeURIComponent('王')}&joinChannel=online`;
const samples = { full: [] as Awaited<ReturnType<typeof download>>[], filtered: [] as Awaited<ReturnType<typeof download>>[], raw: [] as number[] };
await download(''); // warm-up
for (let i = 0; i < runs; i++) {
  samples.raw.push((await timeMs(raw)).ms);
  samples.full.push(await download(''));
  samples.filtered.push(await download(filtered));
}

const med = (xs: number[]) => percentile(xs, 50);
const spread = (xs: number[]) => `${fmt(Math.min(...xs), 0)}–${fmt(Math.max(...xs), 0)}`;
const full = samples.full.map((s) => s.totalMs);
const first = samples.full.map((s) => s.firstByteMs);
const fil = samples.filtered.map((s) => s.totalMs);
console.log(`\nDemo seeded in ${fmt(seeded.ms / 1000, 1)} s. Largest union: ${largest!.name}, ${largest!.members} members. ${runs} runs each.`);
console.log('| measure | median ms | min–max ms | rows | size |');
console.log('|---|---|---|---|---|');
console.log(`| raw baseline: same rows read, decrypted, masked (no xlsx) | ${fmt(med(samples.raw), 0)} | ${spread(samples.raw)} | ${largest!.members} | — |`);
console.log(`| member export, whole union: first byte (headers with the row count) | ${fmt(med(first), 0)} | ${spread(first)} | ${samples.full[0]!.rows} | — |`);
console.log(`| member export, whole union: whole file | ${fmt(med(full), 0)} | ${spread(full)} | ${samples.full[0]!.rows} | ${fmt(samples.full[0]!.bytes / 1024 / 1024, 1)} MB |`);
console.log(`| filtered export (search 王, online) | ${fmt(med(fil), 0)} | ${spread(fil)} | ${samples.filtered[0]!.rows} | ${fmt(samples.filtered[0]!.bytes / 1024, 0)} KB |`);
console.log(`\nwhole file / raw baseline: ${fmt(med(full) / med(samples.raw))}× (${fmt(Math.min(...full) / Math.max(...samples.raw))}–${fmt(Math.max(...full) / Math.min(...samples.raw))}×)`);
console.log(`bytes per row: ${fmt(samples.full[0]!.bytes / samples.full[0]!.rows, 0)} (the progress estimate assumes 75)`);

await app.close();
await handle.close();
rmSync(dir, { recursive: true, force: true });
