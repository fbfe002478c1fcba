import { createHash, randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { shanghaiDate } from '@lianxin/contracts';
import { queryPrepared, type DatabaseHandle } from '@lianxin/db';
import { buildApp } from '../apps/api/src/app.ts';
import { access } from '../apps/api/src/access/route-access.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { MemorySmsTransport } from '../apps/api/src/features/notifications/outbox.ts';
import { newReceipt, verifyChain } from '../apps/api/src/features/votes/vote-chain.ts';
import { ballotsOf } from '../apps/api/src/features/votes/votes.service.ts';
import { fmt, percentile, timeMs } from './stats.ts';

/** Voters of the idea contest (the scale: 200,000); `BENCH_VOTERS` scales it down for a trial run. */
const VOTERS = Number(process.env.BENCH_VOTERS ?? 200_000);
/**
 * `BENCH_VOTES_FINISH_ONLY=3`: skip the HTTP phases; write the ballots of 3 contests in bulk (the same rows the API
 * writes) and time each finish (result + chain) and re-check — the finish's spread at full scale in minutes.
 */
const FINISH_ONLY = Number(process.env.BENCH_VOTES_FINISH_ONLY ?? 0);
/** The API and the raw route take turns over this many slices of the voters (`BENCH_VOTES_SLICES`, default 10). */
const SLICES = Math.max(1, Number(process.env.BENCH_VOTES_SLICES ?? 10));
const CONNECTIONS = 50;
const OPTIONS = 40;
const CAP = 5;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Up to CAP distinct options for the n-th voter (1–5 of them), the same for the API and the raw run. */
function choicesOf(n: number, optionIds: number[]): number[] {
  const count = 1 + (n % CAP);
  const out: number[] = [];
  for (let i = 0; out.length < count; i++) {
    const id = optionIds[(n * 7 + i * 13) % optionIds.length]!;
    if (!out.includes(id)) out.push(id);
  }
  return out;
}

/**
 * A city-wide idea contest (金点子, approval with a cap of 5) of VOTERS members of one union, each signed in on the
 * H5 (members, their accounts and sessions written in bulk first). Measured in one run on one server:
 * - POST /api/votes/:id/ballots under autocannon (50 connections), one ballot per voter (session lookup, CSRF,
 *   validation, the entitlement read, the has-voted row and the ballot in one transaction, the state trigger);
 * - the raw baseline: a bare route inserting the same rows into the same tables (same indexes and triggers) of a
 *   second vote with the same voters, values prepared, in one statement each (as the API writes them);
 *   the two take turns over SLICES slices of the voters (API slice 1, raw slice 1, API slice 2 …), so a load that
 *   comes and goes on a shared machine weighs on both; the ratio is over all slices, with the slices' spread;
 * - finish: the result and the hash chain over all ballots (POST /api/votes/:id/finish), and re-checking the chain.
 */
export async function benchVotes(handle: DatabaseHandle) {
  const config = { ...loadConfig({}), webDist: null };
  const app = await buildApp({ handle, config, piiKey: randomBytes(32), smsTransport: new MemorySmsTransport() });

  // the raw baseline's route (registered before the app is ready; the contest it fills is created below)
  const baseline: { vote?: { id: number; optionIds: number[] } } = {};
  app.post<{ Body: { n: number } }>('/bench/raw-ballot', { config: { access: access.public } }, async (request) => {
    const n = request.body.n;
    const raw = baseline.vote!;
    // the API's write, alone: the has-voted row and the ballot in one statement, prepared as the API's is
    await queryPrepared(app.db, sql`
      with voted as (insert into vote_has_voted (vote_id, member_id) values (${raw.id}, ${memberIds[n]!}) returning vote_id)
      insert into vote_ballots (vote_id, receipt, choices) select vote_id, ${newReceipt()}, ${sql.param(choicesOf(n, raw.optionIds))}::integer[] from voted`);
    return { ok: true };
  });
  // one union with VOTERS active members, each with a member account and a session
  const [union] = await handle.query<{ id: number; path: string; region_code: string }>(
    `select id, path::text as path, region_code from orgs where kind = 'regional_federation' and status = 'active' order by id limit 1`);
  if (!union) throw new Error('no union to hold the contest');
  const [first] = await handle.query<{ id: number }>('select coalesce(max(id), 0)::int + 1 as id from members');
  const memberIds = Array.from({ length: VOTERS }, (_, i) => first!.id + i);
  await timeMs(async () => {
    for (let from = 0; from < VOTERS; from += 50_000) {
      const ids = memberIds.slice(from, from + 50_000);
      await handle.query(`
        insert into members (id, name, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date, occupation, category,
                             join_channel, org_id, org_path, status, card_number, joined_on)
        select i, '投票会员', 'x', 'bench-id-' || i, 'x', 'bench-ph-' || i, 'male', '1990-01-01', 'factory', 'standard', 'import',
               $2, $3::ltree, 'active', 'B' || lpad(i::text, 15, '0'), $4::date
          from unnest($1::int[]) as t(i)`, [ids, union.id, union.path, shanghaiDate()]);
      await handle.query(`
        insert into users (username, display_name, password_hash, role, org_id, member_id)
        select 'bench-member-' || i, '投票会员', '!', 'member', $2, i from unnest($1::int[]) as t(i)`, [ids, union.id]);
    }
  });
  const users = await handle.query<{ id: number; member_id: number }>('select id, member_id from users where member_id >= $1 order by member_id', [first!.id]);
  const tokens = users.map(() => randomBytes(24).toString('base64url'));
  const csrf = users.map(() => randomBytes(12).toString('base64url'));
  for (let from = 0; from < users.length; from += 50_000) {
    const slice = users.slice(from, from + 50_000);
    await handle.query(`
      insert into sessions (token_hash, user_id, csrf_token, expires_at)
      select t.h, t.u, t.c, now() + interval '12 hours' from unnest($1::text[], $2::int[], $3::text[]) as t(h, u, c)`,
    [tokens.slice(from, from + 50_000).map(sha256), slice.map((u) => u.id), csrf.slice(from, from + 50_000)]);
  }
  await handle.query('analyze');

  // two identical contests started by the union's staff (the API's and the raw run's)
  const staffToken = randomBytes(24).toString('base64url');
  const [staff] = await handle.query<{ id: number }>(`
    insert into users (username, display_name, password_hash, role, org_id) values ('bench-staff', '压测', '!', 'street_staff', $1) returning id`, [union.id]);
  await handle.query(`insert into sessions (token_hash, user_id, csrf_token, expires_at) values ($1, $2, 'bench-csrf', now() + interval '12 hours')`, [sha256(staffToken), staff!.id]);
  const staffHeaders = { cookie: `lianxin_session=${staffToken}`, 'x-csrf-token': 'bench-csrf' };
  const contest = async (title: string) => {
    const created = await app.inject({
      method: 'POST', url: '/api/votes', headers: staffHeaders,
      payload: { orgId: union.id, title, method: 'approval', cap: CAP, options: Array.from({ length: OPTIONS }, (_, i) => `金点子 ${i + 1}`) },
    });
    if (created.statusCode !== 201) throw new Error(`create: ${created.statusCode} ${created.body}`);
    const vote = created.json<{ id: number; options: { id: number }[] }>();
    const { ms } = await timeMs(() => app.inject({ method: 'POST', url: `/api/votes/${vote.id}/start`, headers: staffHeaders }));
    return { id: vote.id, optionIds: vote.options.map((o) => o.id), startMs: ms };
  };
  if (FINISH_ONLY > 0) {
    const runs: { finishMs: number; verifyMs: number; cast: number; verified: boolean }[] = [];
    try {
      for (let r = 0; r < FINISH_ONLY; r++) {
        const vote = await contest(`金点子评选（结束 ${r + 1}）`);
        for (let from = 0; from < VOTERS; from += 50_000) {
          const ns = Array.from({ length: Math.min(50_000, VOTERS - from) }, (_, i) => from + i);
          await handle.query(`insert into vote_has_voted (vote_id, member_id) select $1, m from unnest($2::int[]) as t(m)`, [vote.id, ns.map((n) => memberIds[n]!)]);
          await handle.query(`
            insert into vote_ballots (vote_id, receipt, choices) select $1, t.r, t.c::integer[] from unnest($2::text[], $3::text[]) as t(r, c)`,
          [vote.id, ns.map(() => newReceipt()), ns.map((n) => `{${choicesOf(n, vote.optionIds).join(',')}}`)]);
        }
        const finish = await timeMs(() => app.inject({ method: 'POST', url: `/api/votes/${vote.id}/finish`, headers: staffHeaders }));
        if (finish.result.statusCode !== 200) throw new Error(`finish: ${finish.result.statusCode} ${finish.result.body}`);
        const result = (await app.inject({ method: 'GET', url: `/api/votes/${vote.id}/result`, headers: staffHeaders })).json<{ cast: number; chainHead: string }>();
        const verify = await timeMs(async () => verifyChain(vote.id, await ballotsOf(app.db, vote.id), result.chainHead));
        runs.push({ finishMs: Math.round(finish.ms), verifyMs: Math.round(verify.ms), cast: result.cast, verified: verify.result });
      }
    } finally {
      await app.close();
    }
    const summary = { voters: VOTERS, finishOnly: runs };
    console.log('votes', JSON.stringify(summary));
    return summary;
  }
  const apiVote = await contest('金点子评选（API）');
  baseline.vote = await contest('金点子评选（基线）');

  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  /** Casts the ballots of voters [from, to) through `path`: the elapsed time and autocannon's latencies. */
  const run = async (from: number, to: number, path: (n: number) => string, body: (n: number) => string, headers: (n: number) => Record<string, string>) => {
    let next = from;
    const started = performance.now();
    const result = await autocannon({
      url: base, connections: CONNECTIONS, amount: to - from,
      requests: [{
        method: 'POST',
        setupRequest: (request: autocannon.Request) => {
          const n = next++;
          return { ...request, path: path(n), body: body(n), headers: { ...request.headers, 'content-type': 'application/json', ...headers(n) } };
        },
      }],
    });
    return { ballots: to - from, seconds: (performance.now() - started) / 1000, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
  };
  type Phase = Awaited<ReturnType<typeof run>>;
  const total = (phases: Phase[]) => {
    const seconds = phases.reduce((sum, p) => sum + p.seconds, 0);
    return {
      ballotsPerSecond: Math.round(VOTERS / seconds), seconds: Number(fmt(seconds, 1)),
      // the slices' medians and worst p99 (autocannon reports per phase)
      p50: percentile(phases.map((p) => p.p50), 50), p99: Math.max(...phases.map((p) => p.p99)),
      non2xx: phases.reduce((sum, p) => sum + p.non2xx, 0), errors: phases.reduce((sum, p) => sum + p.errors, 0),
    };
  };

  try {
    // API and raw alternate slice by slice, so that whatever else the machine does at a moment weighs on both
    // alike (one long API phase followed by one long raw phase measured two different machines on a shared host)
    const apiPhases: Phase[] = [];
    const rawPhases: Phase[] = [];
    for (let slice = 0; slice < SLICES; slice++) {
      const from = Math.floor((slice * VOTERS) / SLICES);
      const to = Math.floor(((slice + 1) * VOTERS) / SLICES);
      apiPhases.push(await run(from, to,
        () => `/api/votes/${apiVote.id}/ballots`,
        (n) => JSON.stringify({ choices: choicesOf(n, apiVote.optionIds) }),
        (n) => ({ cookie: `lianxin_session=${tokens[n]}`, 'x-csrf-token': csrf[n]! })));
      rawPhases.push(await run(from, to, () => '/bench/raw-ballot', (n) => JSON.stringify({ n }), () => ({})));
    }
    const api = total(apiPhases);
    const raw = total(rawPhases);
    const sliceRatios = apiPhases.map((a, i) => rawPhases[i]!.seconds / a.seconds).sort((a, b) => a - b);
    const finish = await timeMs(() => app.inject({ method: 'POST', url: `/api/votes/${apiVote.id}/finish`, headers: staffHeaders }));
    if (finish.result.statusCode !== 200) throw new Error(`finish: ${finish.result.statusCode} ${finish.result.body}`);
    const result = (await app.inject({ method: 'GET', url: `/api/votes/${apiVote.id}/result`, headers: staffHeaders })).json<{ cast: number; valid: number; chainHead: string }>();
    const verify = await timeMs(async () => verifyChain(apiVote.id, await ballotsOf(app.db, apiVote.id), result.chainHead));
    const summary = {
      voters: VOTERS,
      startMs: Math.round(apiVote.startMs),
      api,
      raw,
      ratio: Number(fmt(api.ballotsPerSecond / raw.ballotsPerSecond)),
      slices: SLICES,
      sliceRatios: { min: Number(fmt(sliceRatios[0]!)), median: Number(fmt(percentile(sliceRatios, 50))), max: Number(fmt(sliceRatios.at(-1)!)) },
      finishMs: Math.round(finish.ms),
      cast: result.cast,
      verifyMs: Math.round(verify.ms),
      chainVerified: verify.result,
    };
    console.log('votes', JSON.stringify(summary));
    return summary;
  } finally {
    await app.close();
  }
}
