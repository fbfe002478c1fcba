/**
 * Demo data for 机制二 (`npm start` on an empty embedded database), kept small for the demo image: five positions
 * in every street and town (a 服务分中心, a 职工服务站, an 爱心接力站, a 驿站 and a 妈咪小屋 — about 1,200 rows, one
 * INSERT … SELECT) placed beside the street's first five enterprises (a few tens of metres off, so they stay inside the
 * street's own area, seed/generate.ts), and about forty requests of 顾村 in every state (one
 * INSERT from arrays), written through the app's PII cipher, then 3–12 requests in every other street and town
 * (about 1,740, one INSERT … SELECT, `seedDemoCityRequests`) so a district's or the city's 服务 figures are not 顾村's alone. A request about the requester's employer (wage
 * arrears, contracts and social insurance, a worker's hardship) names one of 顾村's enterprises, each a different one,
 * so the rights module's automatic early warning (≥ 3 requests or cases of one enterprise in 30 days) has realistic
 * input without any demo enterprise reaching it with the demo cases (each counts at most one demo request). The Pudong plan and the 5,700+ relay stations
 * (DOMAIN.md §3) are the shape; the benchmark generates its own 60,000 positions.
 */
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { arrayLiteral, queryRows } from '@lianxin/db';
import { addDays, dueDate, shanghaiDate, workingDaysBetween, type RequestStatus } from '@lianxin/contracts';
import { loadCalendar } from './calendar.repo.ts';

const GUCUN = '310113109';

export async function seedDemoServices(app: FastifyInstance, now = new Date()): Promise<void> {
  const db = app.db;
  await db.execute(sql`
    insert into service_stations (org_id, org_path, name, level, address, lat, lng, hours, facilities, contact_phone, acceptance, accepted_on, inspector)
    select o.id, o.path,
           replace(replace(o.name, '总工会', ''), '工会', '') || (array['职工服务分中心', '职工服务站', '户外职工爱心接力站', '职工驿站', '妈咪小屋'])[e.n],
           (array['sub_centre', 'station', 'relay', 'inn', 'mommy_room'])[e.n],
           e.address,
           round((e.latitude + 0.0002 * e.n)::numeric, 6)::float8, round((e.longitude - 0.0002 * e.n)::numeric, 6)::float8,
           (array[
             '[{"weekdays":[1,2,3,4,5],"open":"09:00","close":"17:30"},{"weekdays":[1,2,3,4,5],"open":"18:00","close":"20:30"},{"weekdays":[6],"open":"09:00","close":"12:00"}]',
             '[{"weekdays":[1,2,3,4,5],"open":"08:30","close":"17:00"},{"weekdays":[6,7],"open":"10:00","close":"16:00"}]',
             '[{"weekdays":[1,2,3,4,5,6,7],"open":"07:00","close":"21:00"}]',
             '[{"weekdays":[1,2,3,4,5,6,7],"open":"00:00","close":"23:59"}]',
             '[{"weekdays":[1,2,3,4,5],"open":"08:30","close":"17:30"}]'])[e.n]::jsonb,
           (array['{hot_water,toilet,seats,charging}', '{hot_water,fridge,toilet,seats}', '{hot_water,fridge,microwave,charging,seats}',
                  '{hot_water,microwave,charging,toilet,seats}', '{fridge,seats,toilet}'])[e.n]::text[],
           '021-' || lpad((5000000 + o.id * 7 + e.n)::text, 8, '0'),
           case when e.n = 3 and o.id % 9 = 0 then 'pending' else 'accepted' end,
           case when e.n = 3 and o.id % 9 = 0 then null else ${addDays(shanghaiDate(now), -200)}::date + (o.id % 150) end,
           case when e.n = 3 and o.id % 9 = 0 then '' else '区总工会验收组' end
      from orgs o
      cross join lateral (
        select row_number() over (order by x.id)::int as n, x.latitude, x.longitude, x.address
          from (select id, latitude, longitude, address from enterprises
                 where region_code = o.region_code and latitude is not null order by id limit 5) x
      ) e
     where o.kind = 'street_federation'`);

  const [gucun] = await queryRows<{ orgId: number; orgPath: string; userId: number; swId: number | null; stationId: number | null }>(db, sql`
    select o.id as "orgId", o.path::text as "orgPath", u.id as "userId",
           (select id from users where username = 'demo-gucun-sw') as "swId",
           (select id from service_stations where org_id = o.id order by id limit 1) as "stationId"
      from orgs o join users u on u.username = 'demo-gucun'
     where o.kind = 'street_federation' and o.region_code = ${GUCUN}`);
  if (!gucun) return;
  const today = shanghaiDate(now);
  const calendar = await loadCalendar(db, addDays(today, -60));
  const texts = [
    ['consultation', '外卖骑手咨询如何在网上加入工会、会费标准是多少'],
    ['general', '快递员反映驿站附近缺少充电设施，希望增设充电桩'],
    ['legal_aid', '家政服务员被拖欠两个月工资约 9,600 元，请求法律援助'],
    ['hardship', '职工家属重病，家庭困难，申请困难职工帮扶'],
    ['general', '货车司机希望在物流园附近设立爱心接力站'],
    ['complex', '十余名装卸工反映用工单位未签劳动合同、未缴社保'],
    ['consultation', '咨询会员服务卡的普惠活动和商惠折扣如何使用'],
    ['legal_aid', '网约送餐员配送途中受伤，平台拒绝承担医疗费用'],
  ] as const;
  /** the texts about the requester's employer: these requests name the enterprise the requester works in */
  const aboutEmployer = new Set([2, 3, 5]);
  const employers = await queryRows<{ id: number }>(db, sql`
    select e.id from enterprises e where e.org_path <@ ${gucun.orgPath}::ltree order by e.employee_count desc, e.id limit 40`);
  let employerIndex = 0;
  const names = ['王建国', '李秀英', '张伟', '刘芳', '陈磊', '杨静', '赵强', '黄敏', '周杰', '吴霞'];
  const plan: { status: RequestStatus; back: number }[] = [
    ...[1, 0, 2, 0, 1].map((back) => ({ status: 'received' as const, back })),
    ...[1, 2, 3, 4, 6, 8, 10, 12, 15, 20, 2, 5].map((back) => ({ status: 'in_progress' as const, back })),
    ...[5, 9, 14].map((back) => ({ status: 'paused' as const, back })),
    ...[4, 6, 9, 12].map((back) => ({ status: 'resolved' as const, back })),
    ...[15, 18, 22, 25, 28, 30, 33, 36, 40, 45, 50, 55, 58].map((back) => ({ status: 'closed' as const, back })),
  ];
  const limits: Record<string, number> = { consultation: 1, general: 5, legal_aid: 5, hardship: 15, complex: 15 };
  const cols = {
    category: [] as string[], status: [] as string[], channel: [] as string[], description: [] as string[], name: [] as string[], phoneEnc: [] as string[],
    phoneHash: [] as string[], receivedAt: [] as string[], receivedOn: [] as string[], limit: [] as number[], dueOn: [] as (string | null)[],
    owner: [] as (number | null)[], result: [] as (string | null)[], resolvedOn: [] as (string | null)[], onTime: [] as (boolean | null)[],
    taken: [] as (number | null)[], rating: [] as (number | null)[], enterprise: [] as (number | null)[],
  };
  plan.forEach((p, i) => {
    const [code, text] = texts[i % texts.length]!;
    const receivedOn = addDays(today, -p.back);
    const due = dueDate(calendar, receivedOn, limits[code]!).dueOn;
    const phone = `139${String(16_000_000 + i * 7_919).padStart(8, '0')}`;
    const resolvedOn = p.status === 'resolved' || p.status === 'closed' ? addDays(receivedOn, Math.min(p.back - 1, 2 + (i % 9))) : null;
    cols.category.push(code);
    cols.status.push(p.status);
    cols.channel.push(p.status === 'received' ? 'h5' : i % 3 === 0 ? 'hotline' : 'station');
    cols.description.push(text);
    cols.name.push(names[i % names.length]!);
    cols.phoneEnc.push(app.cipher.encrypt(phone));
    cols.phoneHash.push(app.keys.blindIndex(phone));
    cols.receivedAt.push(`${receivedOn}T${String(9 + (i % 8)).padStart(2, '0')}:15:00+08:00`);
    cols.receivedOn.push(receivedOn);
    cols.limit.push(limits[code]!);
    cols.dueOn.push(p.status === 'paused' ? null : due);
    cols.owner.push(p.status === 'received' ? null : i % 4 === 1 && gucun.swId ? gucun.swId : gucun.userId);
    cols.result.push(resolvedOn ? '已联系当事人并答复，问题已解决' : null);
    cols.resolvedOn.push(resolvedOn);
    cols.onTime.push(resolvedOn && due ? resolvedOn <= due : null);
    cols.taken.push(resolvedOn ? workingDaysBetween(calendar, receivedOn, resolvedOn) : null);
    cols.rating.push(p.status === 'closed' && i % 5 !== 0 ? 3 + (i % 3) : null);
    cols.enterprise.push(aboutEmployer.has(i % texts.length) ? (employers[employerIndex++]?.id ?? null) : null);
  });
  const a = (values: readonly unknown[]) => sql.param(arrayLiteral(values));
  await db.execute(sql`
    insert into service_requests (category_code, status, channel, description, requester_name, requester_phone_enc, requester_phone_hash, received_at,
                                  received_on, limit_days, due_on, owner_user_id, accepted_at, result, resolved_on, on_time, working_days_taken, rating,
                                  closed_at, org_id, org_path, station_id, enterprise_id)
    select c, s, ch, d, n, pe, ph, ra, ro, l, du, ow, case when ow is null then null else ra end, re, rs, ot, tk, rt,
           case when s = 'closed' then rs + 4 end, ${gucun.orgId}, ${gucun.orgPath}::ltree, case when ch = 'station' then ${gucun.stationId}::int end, en
      from unnest(${a(cols.category)}::text[], ${a(cols.status)}::text[], ${a(cols.channel)}::text[], ${a(cols.description)}::text[], ${a(cols.name)}::text[],
                  ${a(cols.phoneEnc)}::text[], ${a(cols.phoneHash)}::text[], ${a(cols.receivedAt)}::timestamptz[], ${a(cols.receivedOn)}::date[],
                  ${a(cols.limit)}::int[], ${a(cols.dueOn)}::date[], ${a(cols.owner)}::int[], ${a(cols.result)}::text[], ${a(cols.resolvedOn)}::date[],
                  ${a(cols.onTime)}::boolean[], ${a(cols.taken)}::int[], ${a(cols.rating)}::int[], ${a(cols.enterprise)}::int[])
           as t(c, s, ch, d, n, pe, ph, ra, ro, l, du, ow, re, rs, ot, tk, rt, en)`);
  await db.execute(sql`
    insert into service_request_pauses (request_id, from_on) select id, received_on + 1 from service_requests where status = 'paused' and org_id = ${gucun.orgId}`);
  await db.execute(sql`
    insert into service_request_events (request_id, at, action, actor_user_id, note)
    select id, received_at, 'received', owner_user_id, channel from service_requests where org_id = ${gucun.orgId}`);
  await seedDemoCityRequests(app, gucun.orgId, today, calendar);
}

/**
 * Every other street and town: 3–12 requests each (by the org's id), most closed with a rating or resolved, a few
 * received or in progress, about one in three streets with one overdue now — so the cockpit's 服务 tab of a district
 * or the city shows figures of its own. One INSERT … SELECT over the streets and a template of twelve slots in three
 * variants (the dates shifted by a few days), their due dates computed here from the official calendar. Requester
 * phones come from a pool of 40 encrypted once (the cipher is per row otherwise); names from a pool of surnames.
 */
async function seedDemoCityRequests(app: FastifyInstance, gucunId: number, today: string, calendar: Awaited<ReturnType<typeof loadCalendar>>) {
  const texts: [string, string][] = [
    ['consultation', '咨询如何加入工会、入会后享受哪些会员服务'],
    ['general', '骑手反映服务站饮水机损坏，希望尽快维修'],
    ['legal_aid', '职工被拖欠一个月工资，请求工会协助追讨'],
    ['consultation', '咨询职工疗休养和普惠活动的报名方式'],
    ['hardship', '职工因病住院，家庭困难，申请临时帮扶'],
    ['general', '快递员希望延长驿站开放时间至晚上九点'],
    ['complex', '多名职工反映单位调岗降薪，要求工会介入协调'],
    ['legal_aid', '保洁员工伤后单位拒绝支付停工留薪期工资'],
  ];
  const limits: Record<string, number> = { consultation: 1, general: 5, legal_aid: 5, hardship: 15, complex: 15 };
  // slot → [status, days back]: the first three slots every street has, later ones only the larger streets
  const slots: [RequestStatus, number][] = [
    ['closed', 40], ['closed', 25], ['in_progress', 2], ['closed', 55], ['resolved', 8], ['closed', 33],
    ['received', 0], ['closed', 18], ['in_progress', 24], ['closed', 47], ['resolved', 6], ['closed', 12],
  ];
  const t = {
    variant: [] as number[], slot: [] as number[], category: [] as string[], status: [] as string[], description: [] as string[], receivedOn: [] as string[],
    limit: [] as number[], dueOn: [] as (string | null)[], resolvedOn: [] as (string | null)[], onTime: [] as (boolean | null)[], taken: [] as (number | null)[],
    rating: [] as (number | null)[],
  };
  for (let v = 0; v < 3; v++) {
    slots.forEach(([status, back0], i) => {
      const [code, text] = texts[(i + v * 3) % texts.length]!;
      const back = back0 + (status === 'received' ? 0 : v);
      const receivedOn = addDays(today, -back);
      const due = dueDate(calendar, receivedOn, limits[code]!).dueOn;
      // the overdue one: slot 9 (in progress for 24+ days) in variant 0 streets; in other variants it is resolved late
      const done = status === 'resolved' || status === 'closed' || (i === 8 && v > 0);
      const resolvedOn = done ? addDays(receivedOn, Math.min(back - 1, 1 + ((i + v) % 7))) : null;
      t.variant.push(v);
      t.slot.push(i + 1);
      t.category.push(code);
      t.status.push(i === 8 && v > 0 ? 'closed' : status);
      t.description.push(text);
      t.receivedOn.push(receivedOn);
      t.limit.push(limits[code]!);
      t.dueOn.push(due);
      t.resolvedOn.push(resolvedOn);
      t.onTime.push(resolvedOn && due ? resolvedOn <= due : null);
      t.taken.push(resolvedOn ? workingDaysBetween(calendar, receivedOn, resolvedOn) : null);
      t.rating.push((status === 'closed' || (i === 8 && v > 0)) && (i + v) % 4 !== 3 ? [5, 4, 5, 3, 4, 5][(i + v) % 6]! : null);
    });
  }
  const pool = Array.from({ length: 40 }, (_, i) => `137${String(21_000_000 + i * 104_729).padStart(8, '0')}`);
  const phoneEnc = pool.map((p) => app.cipher.encrypt(p));
  const phoneHash = pool.map((p) => app.keys.blindIndex(p));
  const names = ['王先生', '李女士', '张师傅', '刘女士', '陈先生', '杨女士', '赵师傅', '黄先生', '周女士', '吴师傅', '徐先生', '孙女士'];
  const a = (values: readonly unknown[]) => sql.param(arrayLiteral(values));
  await app.db.execute(sql`
    with tpl as (
      select * from unnest(${a(t.variant)}::int[], ${a(t.slot)}::int[], ${a(t.category)}::text[], ${a(t.status)}::text[], ${a(t.description)}::text[],
                           ${a(t.receivedOn)}::date[], ${a(t.limit)}::int[], ${a(t.dueOn)}::date[], ${a(t.resolvedOn)}::date[], ${a(t.onTime)}::boolean[],
                           ${a(t.taken)}::int[], ${a(t.rating)}::int[])
               as x(v, slot, c, s, d, ro, l, du, rs, ot, tk, rt)
    ), phones as (
      select * from unnest(${a(phoneEnc)}::text[], ${a(phoneHash)}::text[]) with ordinality as p(pe, ph, k)
    ), streets as (
      select o.id, o.path, 3 + (o.id * 7) % 10 as n, o.id % 3 as v,
             (select u.id from users u where u.org_id = o.id order by u.id limit 1) as staff,
             (select st.id from service_stations st where st.org_id = o.id order by st.id limit 1) as station
        from orgs o
       where o.kind = 'street_federation' and o.id <> ${gucunId}
    )
    insert into service_requests (category_code, status, channel, description, requester_name, requester_phone_enc, requester_phone_hash, received_at,
                                  received_on, limit_days, due_on, owner_user_id, accepted_at, result, resolved_on, on_time, working_days_taken, rating,
                                  closed_at, org_id, org_path, station_id)
    select tpl.c, tpl.s, ch.channel, tpl.d, (${a(names)}::text[])[1 + (st.id + tpl.slot) % ${names.length}], p.pe, p.ph,
           (tpl.ro + make_interval(hours => 9 + (st.id + tpl.slot) % 8, mins => (st.id * 13) % 60)) at time zone 'Asia/Shanghai',
           tpl.ro, tpl.l, tpl.du, case when tpl.s = 'received' then null else st.staff end,
           case when tpl.s = 'received' then null else (tpl.ro + time '17:00') at time zone 'Asia/Shanghai' end,
           case when tpl.rs is not null then '已联系当事人并答复，问题已解决' end, tpl.rs, tpl.ot, tpl.tk, tpl.rt,
           case when tpl.s = 'closed' then (tpl.rs + 4 + time '10:00') at time zone 'Asia/Shanghai' end,
           st.id, st.path, case when ch.channel = 'station' then st.station end
      from streets st
      join tpl on tpl.v = st.v and tpl.slot <= st.n
      join phones p on p.k = 1 + (st.id * 3 + tpl.slot) % ${pool.length}
      cross join lateral (select case when tpl.s = 'received' then 'h5' when (st.id + tpl.slot) % 3 = 0 then 'hotline'
                                      when st.station is null then 'hotline' else 'station' end as channel) ch
     where st.staff is not null`);
  await app.db.execute(sql`
    insert into service_request_events (request_id, at, action, actor_user_id, note)
    select id, received_at, 'received', owner_user_id, channel from service_requests where org_id <> ${gucunId}`);
}
