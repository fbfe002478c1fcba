import { randomBytes } from 'node:crypto';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { arrayLiteral, queryRows, type DatabaseHandle } from '@lianxin/db';
import {
  birthDateOf, calendarDayOf, cardNumberFor, idNumberCheckChar, memberCategories, memberCategoryLabels, occupationLabels, occupations,
} from '@lianxin/contracts';
import { checkRoster, commitRoster, type ImportBatch } from '../apps/api/src/features/members/members.import.service.ts';
import { parseRoster } from '../apps/api/src/features/members/members.import.ts';
import { deriveKeys } from '../apps/api/src/security/keys.ts';
import { fmt, timeMs } from './stats.ts';

const RAW_BATCH = 20_000;
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌辉鹏飞宇浩然俊凯佳欣怡婷雪梅琳晨阳';

interface Roster {
  csv: Buffer;
  rows: { name: string; id: string; phone: string; occupation: string; category: string; creditCode: string | null; enterpriseId: number | null; joinedOn: string }[];
}

/**
 * `count` roster rows as a csv file: distinct ID numbers (a 浦东 region code, so no other bench's people
 * collide), a third employed at registered enterprises, half 两非一无, labels and codes mixed as staff type them.
 */
function generateRoster(count: number, enterprises: { id: number; credit_code: string }[]): Roster {
  const lines = ['姓名,身份证号,手机号,职业,会员类别,所在单位统一社会信用代码,入会日期'];
  const rows: Roster['rows'] = [];
  const base = Date.UTC(1965, 0, 1);
  for (let i = 0; i < count; i++) {
    const birth = calendarDayOf(base + Math.floor(i / 900) * 86_400_000 * 7).replaceAll('-', '');
    const body = `310115${birth}${String(i % 900 + 100).padStart(3, '0')}`;
    const id = body + idNumberCheckChar(body);
    const name = SURNAMES.charAt(i % SURNAMES.length) + GIVEN.charAt((i * 7) % GIVEN.length) + (i % 3 === 0 ? GIVEN.charAt((i * 13) % GIVEN.length) : '');
    const phone = `13${String(i).padStart(9, '0')}`;
    const occupation = occupations[i % occupations.length]!;
    // half standard employees (enterprise rosters), half 两非一无 (federation rosters), which carry subsidies
    const category = i % 2 === 0 ? 'standard' : memberCategories[1 + ((i >> 1) % 3)]!;
    const employer = i % 3 === 0 && enterprises.length > 0 ? enterprises[i % enterprises.length]! : null;
    const joinedOn = `2024-0${1 + (i % 9)}-1${i % 10}`;
    rows.push({ name, id, phone, occupation, category, creditCode: employer?.credit_code ?? null, enterpriseId: employer?.id ?? null, joinedOn });
    const occupationText = i % 4 < 2 ? occupationLabels[occupation]['zh-CN'] : occupation;
    const categoryText = i % 4 < 2 ? memberCategoryLabels[category]['zh-CN'] : category;
    lines.push(`${name},${id},${phone},${occupationText},${categoryText},${employer?.credit_code ?? ''},${joinedOn}`);
  }
  return { csv: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'), rows };
}

async function checkpoint(handle: DatabaseHandle) {
  try {
    await handle.query('CHECKPOINT');
  } catch {
    // not a superuser: the runs share the server's checkpoint schedule
  }
}

const RAW_INSERT = `
  INSERT INTO bench_raw_members (id, name, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date, occupation,
                                 category, join_channel, org_id, org_path, enterprise_id, card_number, joined_on)
  SELECT id, name, id_enc, id_hash, phone_enc, phone_hash, gender, birth_date, occupation, category, join_channel,
         org_id, org_path::ltree, enterprise_id, card_number, joined_on
    FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::date[], $9::text[],
                $10::text[], $11::text[], $12::int[], $13::text[], $14::int[], $15::text[], $16::date[])
      AS t(id, name, id_enc, id_hash, phone_enc, phone_hash, gender, birth_date, occupation, category, join_channel,
           org_id, org_path, enterprise_id, card_number, joined_on)`;

/** `text` with its $1…$n bound to `params`, as a Drizzle query (to run it inside a transaction). */
const bound = (text: string, params: readonly unknown[]) =>
  sql.join(text.split(/\$(\d+)/).map((part, i) => (i % 2 === 1 ? sql.param(params[Number(part) - 1]) : sql.raw(part))));

/**
 * An empty copy of members (as members itself was before the import) with its indexes, and with `all`, also its
 * check constraints, foreign keys and triggers, read from the catalog.
 */
async function membersCopy(handle: DatabaseHandle, all: boolean) {
  await handle.query('DROP TABLE IF EXISTS bench_raw_members');
  await handle.query(`CREATE TABLE bench_raw_members (LIKE members ${all ? 'INCLUDING ALL' : 'INCLUDING DEFAULTS INCLUDING GENERATED INCLUDING INDEXES'})`);
  if (!all) return;
  const definitions = await handle.query<{ def: string }>(`
    SELECT format('ALTER TABLE bench_raw_members ADD CONSTRAINT %I %s', 'bench_raw_' || conname, pg_get_constraintdef(oid)) AS def
      FROM pg_constraint WHERE conrelid = 'members'::regclass AND contype = 'f'
    UNION ALL
    SELECT regexp_replace(pg_get_triggerdef(oid), ' ON [^ ]*members ', ' ON bench_raw_members ')
      FROM pg_trigger WHERE tgrelid = 'members'::regclass AND NOT tgisinternal`);
  for (const { def } of definitions) await handle.query(def);
}

/**
 * A 200,000-row roster through the import path the API uses — parse the csv, validate every row, blind-index,
 * look up employers and active members city-wide, then one transaction: per chunk a re-check of the identities,
 * encryption, members with card numbers and 两非一无 subsidies; the audit entry — against a raw `INSERT … SELECT
 * FROM unnest(...)` of the same member rows, already encrypted and hashed, into an empty copy of the members table
 * with its indexes, foreign keys and triggers (the baseline; rolled back), and, as measured before, into a copy
 * with its indexes only.
 */
export async function benchImport(handle: DatabaseHandle, count = 200_000) {
  const keys = deriveKeys(randomBytes(32));
  const [org] = await handle.query<{ id: number; path: string; region_code: string; name: string }>(
    `select id, path::text as path, region_code, name from orgs where kind = 'street_federation' order by region_code = '310113109' desc, id limit 1`,
  );
  if (!org) throw new Error('no street union to import into');
  const enterprises = await handle.query<{ id: number; credit_code: string }>(
    `select id, credit_code from enterprises where org_path <@ $1::ltree order by id limit 2000`, [org.path],
  );
  const roster = generateRoster(count, enterprises);

  await checkpoint(handle);
  const imported = await timeMs(async () => {
    const validation = await timeMs(async () => {
      const parsed = await parseRoster(roster.csv, 'roster.csv', 'text/csv');
      return checkRoster(handle.db, keys, parsed);
    });
    const batch: ImportBatch = {
      ...validation.result, id: randomBytes(16).toString('base64url'), userId: 0,
      org: { id: org.id, path: org.path, regionCode: org.region_code, name: org.name },
      createdAt: Date.now(), expiresAt: Date.now() + 3_600_000, status: 'validated', processed: 0, committed: 0, failure: null,
    };
    const commit = await timeMs(() => commitRoster(handle.db, keys, batch));
    return { batch, validateMs: validation.ms, commitMs: commit.ms };
  });
  const { batch, validateMs, commitMs } = imported.result;
  if (batch.status !== 'committed' || batch.committed !== count) {
    throw new Error(`import bench: ${batch.status}, ${batch.committed} of ${count} committed (${JSON.stringify(batch.counts)})`);
  }

  // the same rows, encrypted and hashed before the clock starts
  const rows = roster.rows;
  const col = <T>(pick: (r: Roster['rows'][number], i: number) => T) => rows.map(pick);
  const ids = col((_, i) => 900_000_000 + i);
  const columns = [
    ids, col((r) => r.name), col((r) => keys.cipher.encrypt(r.id)), col((r) => keys.blindIndex(r.id)),
    col((r) => keys.cipher.encrypt(r.phone)), col((r) => keys.blindIndex(r.phone)),
    col((r) => (Number(r.id.charAt(16)) % 2 === 1 ? 'male' : 'female')), col((r) => birthDateOf(r.id)),
    col((r) => r.occupation), col((r) => r.category), col(() => 'import'), col(() => org.id), col(() => org.path),
    col((r) => r.enterpriseId), ids.map(cardNumberFor), col((r) => r.joinedOn),
  ];
  // array literals, as the import passes them
  const batches: string[][] = [];
  for (let start = 0; start < count; start += RAW_BATCH) batches.push(columns.map((c) => arrayLiteral(c.slice(start, start + RAW_BATCH))));

  await membersCopy(handle, true);
  await checkpoint(handle);
  let rawMs = 0;
  // rolled back, so that the copied triggers leave no coverage figures behind
  await handle.db.transaction(async (tx) => {
    const raw = await timeMs(async () => {
      for (const params of batches) await tx.execute(bound(RAW_INSERT, params));
    });
    rawMs = raw.ms;
    const [written] = await queryRows<{ n: number }>(tx, sql`select count(*)::int as n from bench_raw_members`);
    if (written?.n !== count) throw new Error(`raw bench wrote ${written?.n} rows`);
    tx.rollback();
  }).catch((error: unknown) => {
    if (!(error instanceof TransactionRollbackError)) throw error;
  });

  await membersCopy(handle, false);
  await checkpoint(handle);
  const copy = await timeMs(async () => {
    for (const params of batches) await handle.query(RAW_INSERT, params);
  });
  const [written] = await handle.query<{ n: number }>('select count(*)::int as n from bench_raw_members');
  await handle.query('DROP TABLE bench_raw_members');
  if (written?.n !== count) throw new Error(`raw bench wrote ${written?.n} rows into the copy`);

  const importRate = count / (imported.ms / 1000);
  const rawRate = count / (rawMs / 1000);
  const copyRate = count / (copy.ms / 1000);
  console.log(`\nMember roster import, ${count} rows, on ${handle.kind}`);
  console.log(`  import (parse + validate + dedupe + encrypt + insert + subsidies)  ${fmt(imported.ms / 1000)} s = ${Math.round(importRate)} rows/s`);
  console.log(`    of which validation (parse, rules, blind index, lookups) ${fmt(validateMs / 1000)} s, commit transaction ${fmt(commitMs / 1000)} s`);
  console.log(`  baseline: raw unnest of the pre-encrypted rows into a copy of members with its keys and triggers ${fmt(rawMs / 1000)} s = ${Math.round(rawRate)} rows/s`);
  console.log(`  earlier baseline: the same into a copy with its indexes only                     ${fmt(copy.ms / 1000)} s = ${Math.round(copyRate)} rows/s`);
  console.log(`  ratio import / raw: ${fmt(importRate / rawRate)} (target ≥ 0.5); import / copy: ${fmt(importRate / copyRate)}`);
  return {
    rows: count, importMs: imported.ms, validateMs, commitMs, rawMs, importRate, rawRate, ratio: importRate / rawRate,
    copyMs: copy.ms, copyRate, copyRatio: importRate / copyRate,
  };
}
