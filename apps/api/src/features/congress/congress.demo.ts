/**
 * Demo data of the workers' congress, votes and evaluation (after the members' demo): the `demo-member`'s union
 * holds its congress — about 30 representatives from three constituencies, 26 present, proposals in every state
 * (one waiting for the demo member's 附议, one answer waiting for their rating), a secret wage-agreement vote open
 * for them, a published committee election with its ballots and chain head — and 顾村's unions have this year's
 * evaluation in progress (self-checks, third-party scores, members' ratings, 宝山区's spot-check sample with a fixed
 * seed) and four unions of every other street self-checked (half of them scored by the third party too), so every
 * district has stars; `demo-chair` holds the proposal committee's grant at the union. A few hundred rows, bulk inserts.
 */
import { sql } from 'drizzle-orm';
import { queryRows, type Database, type Tx } from '@lianxin/db';
import { addDays, drawSample, indicatorItems, shanghaiDate } from '@lianxin/contracts';
import type { FastifyInstance } from 'fastify';
import { computeResult, MOTION_OPTIONS } from '../votes/votes.service.ts';
import { byReceipt, newReceipt } from '../votes/vote-chain.ts';

/** The seed of the demo's spot-check draw, recorded like a real one. */
const DEMO_SAMPLE_SEED = '5f3a9c1e7b2d4086';

const PROPOSALS: { subject: string; reasons: string; measures: string }[] = [
  { subject: '关于增设夜班职工休息室的提案', reasons: '夜班职工凌晨休息时没有固定场所，只能在车间或更衣室短暂休息。', measures: '在二号楼一层空置房间设休息室，配沙发、饮水机和储物柜。' },
  { subject: '关于食堂延长供餐时间的提案', reasons: '中班职工 20 时下班后食堂已关闭，只能外出就餐。', measures: '食堂晚餐供应延长至 21 时，并提供简餐。' },
  { subject: '关于增开顾村公园站通勤班车的提案', reasons: '地铁 7 号线顾村公园站到厂区步行 25 分钟，雨天尤为不便。', measures: '早晚高峰各增开两班接驳车，并在企业微信公布时刻表。' },
  { subject: '关于完善一线职工高温津贴发放的提案', reasons: '部分外包岗位职工反映高温津贴发放不及时。', measures: '按市规定 6 至 9 月按月足额发放，并在厂务公开栏公示。' },
  { subject: '关于设立妈咪小屋的提案', reasons: '哺乳期女职工缺少私密、卫生的哺乳场所。', measures: '在行政楼三楼设妈咪小屋，配冰箱、洗手池和沙发。' },
  { subject: '关于为个别职工调整岗位的建议', reasons: '本人希望调至白班岗位。', measures: '请人事部门考虑。' },
];

export async function congressDemo(app: FastifyInstance): Promise<void> {
  await app.db.transaction((tx) => writeDemo(tx, app.db));
}

async function writeDemo(tx: Tx, _db: Database): Promise<void> {
  const today = shanghaiDate();
  const [home] = await queryRows<{ member_id: number; org_id: number; org_path: string; user_id: number }>(tx, sql`
    select u.member_id, m.org_id, m.org_path::text as org_path, u.id as user_id
      from users u join members m on m.id = u.member_id where u.username = 'demo-member'`);
  if (!home) return;
  const members = await queryRows<{ id: number }>(tx, sql`
    select id from members where org_path <@ ${home.org_path}::ltree and status = 'active' and id <> ${home.member_id} order by id limit 29`);
  if (members.length < 8) return;
  const reps = [home.member_id, ...members.map((m) => m.id)];
  const constituencies = ['生产一部代表团', '生产二部代表团', '职能部门代表团'];
  const [staff] = await queryRows<{ id: number }>(tx, sql`select id from users where username = 'demo-chair'`);
  const by = staff?.id ?? null;
  // the union's chair sits on the proposal committee (a grant, not a role): the console's 立案 is theirs
  if (staff) {
    await tx.execute(sql`
      insert into user_grants (user_id, org_id, org_path, kind) values (${staff.id}, ${home.org_id}, ${home.org_path}::ltree, 'proposal_committee')
      on conflict do nothing`);
  }

  // the session: proposals collected until five days from now, the meeting a week later
  const [session] = await queryRows<{ id: number }>(tx, sql`
    insert into congress_sessions (org_id, org_path, title, held_on, proposals_open_on, proposals_close_on, created_by)
    values (${home.org_id}, ${home.org_path}::ltree, '第三届职工代表大会第二次会议', ${addDays(today, 12)}, ${addDays(today, -25)}, ${addDays(today, 5)}, ${by})
    returning id`);
  const sessionId = session!.id;
  const present = reps.slice(0, Math.ceil(reps.length * 0.87));
  await tx.execute(sql`
    insert into congress_representatives (session_id, member_id, constituency, present)
    select ${sessionId}, t.m, t.c, t.m = any(${sql.param(present)}::int[])
      from unnest(${sql.param(reps)}::int[], ${sql.param(reps.map((_, i) => constituencies[i % 3]!))}::text[]) as t(m, c)`);

  // proposals: (proposer index, state, seconders)
  const plan: { state: string; proposer: number; seconders: number[]; extra?: Record<string, string | boolean> }[] = [
    { state: 'done', proposer: 1, seconders: [2, 3, 4], extra: { answer: '已在二号楼一层设休息室，10 月起开放。', rating: 'satisfied' } },
    { state: 'answered', proposer: 0, seconders: [5, 6], extra: { answer: '食堂晚餐延长至 20 时 30 分，21 时前提供面点。' } },
    { state: 'filed', proposer: 2, seconders: [1, 7, 3] },
    { state: 'filed', proposer: 4, seconders: [0, 2] },
    { state: 'submitted', proposer: 5, seconders: [6] },
    { state: 'returned', proposer: 3, seconders: [] },
  ];
  for (const [i, p] of plan.entries()) {
    const text = PROPOSALS[i]!;
    const filed = p.state !== 'submitted' && p.state !== 'returned';
    const [row] = await queryRows<{ id: number }>(tx, sql`
      insert into congress_proposals (session_id, subject, reasons, measures, proposer_member_id, state, department, due_on, return_reason,
                                      answer_text, answer_leader, answered_on, rating, decided_by)
      values (${sessionId}, ${text.subject}, ${text.reasons}, ${text.measures}, ${reps[p.proposer]!}, ${p.state},
              ${filed ? (i % 2 === 0 ? '行政部' : '人力资源部') : null}, ${filed ? addDays(today, 20) : null},
              ${p.state === 'returned' ? '属个人岗位诉求，不符合一事一议的集体事项，转人力资源部作为意见建议处理。' : null},
              ${(p.extra?.answer as string | undefined) ?? null}, ${p.extra?.answer ? '王建国（行政副总经理）' : null}, ${p.extra?.answer ? addDays(today, -2) : null},
              ${(p.extra?.rating as string | undefined) ?? null}, ${p.state === 'submitted' ? null : by})
      returning id`);
    if (p.seconders.length > 0) {
      await tx.execute(sql`
        insert into congress_seconders (proposal_id, member_id) select ${row!.id}, unnest(${sql.param(p.seconders.map((s) => reps[s]!))}::int[])`);
    }
  }

  // votes: an open secret motion for the demo member, a published election with its ballots, a draft idea contest
  const vote = async (title: string, method: string, labels: readonly string[], extra: { seats?: number; cap?: number; secret?: boolean; session?: boolean } = {}) => {
    // a congress resolution passes with more than half of ALL representatives (企业民主管理规定: 经全体职工代表的过半数通过)
    const [v] = await queryRows<{ id: number }>(tx, sql`
      insert into votes (org_id, org_path, session_id, title, method, cap, seats, secret, pass_rule, created_by)
      values (${home.org_id}, ${home.org_path}::ltree, ${extra.session === false ? null : sessionId}, ${title}, ${method}, ${extra.cap ?? null},
              ${extra.seats ?? null}, ${extra.secret ?? true}, ${method === 'yes_no_abstain' ? 'half_of_all' : 'half_of_valid'}, ${by}) returning id`);
    const options = await queryRows<{ id: number; label: string }>(tx, sql`
      insert into vote_options (vote_id, position, label)
      select ${v!.id}, t.ord::int, t.label from unnest(${sql.param([...labels])}::text[]) with ordinality as t(label, ord) returning id, label`);
    return { id: v!.id, options: options.sort((a, b) => a.id - b.id) };
  };
  const start = async (id: number, voters: number[]) => {
    await tx.execute(sql`insert into vote_voters (vote_id, member_id) select ${id}, unnest(${sql.param(voters)}::int[])`);
    await tx.execute(sql`update votes set entitled = ${voters.length}, state = 'started', started_at = now() - interval '1 hour' where id = ${id}`);
  };

  const wage = await vote('2026 年度工资专项集体合同（草案）', 'yes_no_abstain', MOTION_OPTIONS);
  await start(wage.id, present);

  const election = await vote('工会委员会委员补选', 'election', ['陈立新', '周敏', '吴海燕', '孙志刚'], { seats: 2 });
  await start(election.id, present);
  const ballots = present.slice(1).map((member, i) => ({
    member,
    receipt: newReceipt(),
    choices: i % 9 === 8 ? [] : [election.options[i % 3]!.id, election.options[(i % 3) + 1]!.id].slice(0, i % 4 === 0 ? 1 : 2),
  }));
  await tx.execute(sql`insert into vote_has_voted (vote_id, member_id) select ${election.id}, unnest(${sql.param(ballots.map((b) => b.member))}::int[])`);
  await tx.execute(sql`
    insert into vote_ballots (vote_id, receipt, choices)
    select ${election.id}, t.r, coalesce(string_to_array(nullif(t.c, ''), ',')::integer[], '{}')
      from unnest(${sql.param(ballots.map((b) => b.receipt))}::text[], ${sql.param(ballots.map((b) => b.choices.join(',')))}::text[]) as t(r, c)`);
  const chained = ballots.map((b) => ({ receipt: b.receipt, choices: b.choices })).sort(byReceipt);
  const stored = computeResult({ id: election.id, method: 'election', seats: 2, pass_rule: 'half_of_valid', entitled: present.length, options: election.options }, chained);
  await tx.execute(sql`
    update votes set state = 'finished', finished_at = now() - interval '10 minutes', result = ${JSON.stringify(stored.result)}::jsonb, chain_head = ${stored.head}
     where id = ${election.id}`);
  await tx.execute(sql`update votes set state = 'published', published_at = now() where id = ${election.id}`);

  await vote('金点子评选（每人最多 5 票）', 'approval', ['夜班休息室改造', '包装线换型快换夹具', '仓库拣货路径优化', '食堂餐盘回收线', '车间节能照明', '班组安全积分卡'], { cap: 5, session: false });

  await evaluationDemo(tx, home.member_id, reps, by);
}

async function evaluationDemo(tx: Tx, _demoMember: number, raters: number[], by: number | null) {
  const year = Number(shanghaiDate().slice(0, 4));
  const [gucun] = await queryRows<{ id: number; path: string; district_id: number; district_path: string }>(tx, sql`
    select o.id, o.path::text as path, d.id as district_id, d.path::text as district_path
      from orgs o join orgs d on d.id = o.parent_id where o.region_code = '310113109' and o.kind = 'street_federation'`);
  if (!gucun) return;
  const unions = await queryRows<{ id: number; path: string }>(tx, sql`
    select id, path::text as path from orgs where path <@ ${gucun.path}::ltree and status = 'active'
       and kind not in ('street_federation', 'branch_union') order by id limit 24`);
  // self-checks and third-party scores: a spread from about 55 to 97 points, fixed by the union's id
  const selfRows: { id: number; path: string; score: number; items: { code: string; score: number; evidence: string }[] }[] = [];
  for (const u of unions) {
    const level = 0.55 + ((u.id * 37) % 43) / 100;
    const items = indicatorItems.map((item, i) => ({
      code: item.code,
      score: Math.min(item.points, Math.round(item.points * Math.min(1, level + (((u.id + i) % 5) - 2) * 0.04) * 2) / 2),
      evidence: i % 4 === 0 ? `${item.zh}台账.pdf` : '',
    }));
    selfRows.push({ ...u, score: items.reduce((s, x) => s + x.score, 0), items });
  }
  for (const part of ['selfCheck', 'thirdParty'] as const) {
    const rows = part === 'selfCheck' ? selfRows : selfRows.filter((_, i) => i % 2 === 0);
    await tx.execute(sql`
      insert into evaluation_scores (year, org_id, org_path, part, score, report, items, entered_by)
      select ${year}, t.id, t.path::ltree, ${part}, t.score, t.report, t.items::jsonb, ${by}
        from unnest(${sql.param(rows.map((r) => r.id))}::int[], ${sql.param(rows.map((r) => r.path))}::text[],
                    ${sql.param(rows.map((r) => (part === 'selfCheck' ? r.score : Math.max(40, r.score - 4))))}::real[],
                    ${sql.param(rows.map(() => (part === 'selfCheck' ? '' : '优势：组织健全、台账规范；问题：经费独立核算尚未全覆盖，职工服务阵地利用率偏低。')))}::text[],
                    ${sql.param(rows.map((r) => JSON.stringify(part === 'selfCheck' ? r.items : [])))}::text[]) as t(id, path, score, report, items)`);
  }
  // every other street: its first four unions (below the street) self-checked, every other one also scored by the
  // third party, so each district's and the city's 星级 tab has units of its own; items from eight levels of
  // achievement (about 58 to 97 points), one picked by the union's id; one set-based INSERT per part
  const levels = Array.from({ length: 8 }, (_, k) => {
    const items = indicatorItems.map((item, i) => ({
      code: item.code, score: Math.min(item.points, Math.round(item.points * Math.min(1, 0.58 + k * 0.055 + ((i % 3) - 1) * 0.03) * 2) / 2), evidence: '',
    }));
    return { score: items.reduce((a, x) => a + x.score, 0), items: JSON.stringify(items) };
  });
  await tx.execute(sql`
    with lv as (select * from unnest(${sql.param(levels.map((l) => l.score))}::real[], ${sql.param(levels.map((l) => l.items))}::text[]) with ordinality as t(score, items, k)),
         u as (select o.id, o.path, row_number() over (partition by s.id order by o.id) as rn
                 from orgs s join orgs o on o.path <@ s.path and o.id <> s.id
                where s.kind = 'street_federation' and s.id <> ${gucun.id} and o.status = 'active'
                  and o.kind not in ('street_federation', 'branch_union', 'industry_union', 'district_federation', 'city_federation'))
    insert into evaluation_scores (year, org_id, org_path, part, score, report, items, entered_by)
    select ${year}, u.id, u.path, p.part, case when p.part = 'selfCheck' then lv.score else greatest(40, lv.score - 3) end,
           case when p.part = 'selfCheck' then '' else '优势：组织健全、台账规范；问题：职工服务阵地利用率偏低。' end,
           case when p.part = 'selfCheck' then lv.items::jsonb else '[]'::jsonb end, ${by}
      from u join lv on lv.k = 1 + (u.id * 5) % 8
      cross join (values ('selfCheck'), ('thirdParty')) p(part)
     where u.rn <= 4 and (p.part = 'selfCheck' or u.rn % 2 = 1)`);
  // 宝山区's spot-check sample, drawn with a recorded seed like a real draw
  const candidates = await queryRows<{ id: number }>(tx, sql`
    select id from orgs where path <@ ${gucun.district_path}::ltree and status = 'active'
       and kind not in ('city_federation', 'district_federation', 'industry_union', 'street_federation', 'branch_union')`);
  const sample = drawSample(candidates.map((c) => c.id), 12, DEMO_SAMPLE_SEED);
  await tx.execute(sql`
    insert into evaluation_samples (year, district_org_id, org_path, seed, size, org_ids, drawn_by)
    values (${year}, ${gucun.district_id}, ${gucun.district_path}::ltree, ${DEMO_SAMPLE_SEED}, 12, ${sql.param(sample)}::integer[], ${by})`);
  // members' ratings of the demo member's union (not the demo member: they can try it on the H5)
  const ratingRows = raters.slice(1).map((m, i) => [4 + (i % 2), 4, 3 + (i % 3 === 0 ? 2 : 1), 4 + (i % 4 === 0 ? 1 : 0)]);
  await tx.execute(sql`
    insert into evaluation_ratings (year, member_id, org_id, org_path, answers)
    select ${year}, m.id, m.org_id, m.org_path, string_to_array(t.a, ',')::integer[]
      from unnest(${sql.param(raters.slice(1))}::int[], ${sql.param(ratingRows.map((r) => r.join(',')))}::text[]) as t(id, a)
      join members m on m.id = t.id`);
}
