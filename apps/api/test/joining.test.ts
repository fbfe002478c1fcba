import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplicationCreated, ApplicationItem, ApplicationStatusView } from '@lianxin/contracts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applicationCode, applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * Public joining reveals nothing about anyone's membership: a phone proven by a one-time code, the same answer for
 * members and non-members, one pending application per identity (held by the database), the status check by POST.
 */
let t: TestApp;
let baoshan: Session;

beforeAll(async () => {
  t = await startTestApp();
  baoshan = await signIn(t.app, 'demo-baoshan');
});
afterAll(() => t.close());

const rider = (over: Record<string, unknown> = {}) => ({
  name: '林申请', idNumber: newIdNumber(), phone: newPhone(), occupation: 'office', regionCode: GUCUN, ...over,
});
const submit = (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/applications', payload: body, headers });
const status = (reference: string, phone: string) =>
  t.app.inject({ method: 'POST', url: '/api/applications/status', payload: { reference, phone } });
const queue = async () =>
  (await request(t.app, baoshan, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>().items;
const smsTo = (phone: string) => t.sms.sent.filter((m) => m.phone === phone);

async function approve(reference: string) {
  const item = (await queue()).find((i) => i.reference === reference);
  expect(item, 'in the queue').toBeDefined();
  const approved = await request(t.app, baoshan, 'POST', `/api/applications/${item!.id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  await t.app.flushNotifications();
}

/** The parts of an accepted answer that do not depend on the person. */
const shape = (created: ApplicationCreated) => ({ routedTo: created.routedTo, reasonCode: created.reasonCode, reason: created.reason });

describe('the phone code', () => {
  it('sends a code by SMS and accepts an application carrying it', async () => {
    const body = rider();
    const asked = await t.app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone: body.phone } });
    expect(asked.statusCode).toBe(202);
    expect(asked.json()).toEqual({ sent: true });
    await t.app.flushNotifications();
    const sms = smsTo(body.phone).find((m) => m.template === 'application_code');
    expect(sms?.text).toMatch(/入会申请验证码为 \d{6}/);
    const created = await submit({ ...body, phoneCode: sms!.params.code });
    expect(created.statusCode, created.body).toBe(201);
  });

  it('refuses a missing, wrong, other phone\'s or expired code on the field phoneCode, in the request\'s language', async () => {
    const body = rider();
    const code = await applicationCode(t, body.phone);
    const missing = await submit(body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().fields).toEqual({ phoneCode: '必填项' });
    const wrong = await submit({ ...body, phoneCode: code === '000000' ? '111111' : '000000' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().fields).toEqual({ phoneCode: '验证码错误或已过期' });
    expect((await submit({ ...body, phoneCode: '12ab' })).json().fields).toEqual({ phoneCode: '验证码为 6 位数字' });
    const english = await submit({ ...body, phoneCode: code === '000000' ? '111111' : '000000' }, { 'accept-language': 'en' });
    expect(english.json().fields).toEqual({ phoneCode: 'Wrong or expired code' });
    // another phone's code
    const other = newPhone();
    const otherCode = await applicationCode(t, other);
    if (otherCode !== code) expect((await submit({ ...body, phoneCode: otherCode })).statusCode).toBe(400);
    // a sign-in code is no application code
    await t.handle.query(`update otp_codes set purpose = 'sign_in' where phone_hash = $1`, [t.app.keys.blindIndex(body.phone)]);
    expect((await submit({ ...body, phoneCode: code })).json().fields).toEqual({ phoneCode: '验证码错误或已过期' });
    await t.handle.query(`update otp_codes set purpose = 'application', expires_at = now() - interval '1 second' where phone_hash = $1`, [t.app.keys.blindIndex(body.phone)]);
    expect((await submit({ ...body, phoneCode: code })).json().fields).toEqual({ phoneCode: '验证码错误或已过期' });
    // nothing was stored for any of these
    const [stored] = await t.handle.query<{ n: number }>('select count(*)::int as n from applications where phone_hash = $1', [t.app.keys.blindIndex(body.phone)]);
    expect(stored!.n).toBe(0);
  });

  it('five wrong codes spend the code', async () => {
    const body = rider();
    const code = await applicationCode(t, body.phone);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await submit({ ...body, phoneCode: wrong })).statusCode).toBe(400);
    expect((await submit({ ...body, phoneCode: code })).json().fields).toEqual({ phoneCode: '验证码错误或已过期' });
  });

  it('limits codes as sign-in codes are limited: one a minute per number', async () => {
    const phone = newPhone();
    expect((await t.app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone } })).statusCode).toBe(202);
    expect((await t.app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone } })).statusCode).toBe(429);
    // the sign-in code of the same number has its own budget
    expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } })).statusCode).toBe(202);
    const bad = await t.app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone: '12345' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().fields).toEqual({ phone: '手机号码格式不正确' });
  });
});

describe('nothing about membership in any answer', () => {
  it('an existing member applying gets the answer anyone gets; the phone on the membership record gets the SMS; no queue entry', async () => {
    const member = rider();
    const joined = (await applyOnline(t, member)).json<ApplicationCreated>();
    await approve(joined.reference);

    // someone (another phone) applies with the member's ID number
    const intruder = rider({ idNumber: member.idNumber });
    const stranger = rider();
    const asMember = await applyOnline(t, intruder);
    const asStranger = await applyOnline(t, stranger);
    expect(asMember.statusCode).toBe(201);
    expect(asStranger.statusCode).toBe(201);
    expect(Object.keys(asMember.json()).sort()).toEqual(Object.keys(asStranger.json()).sort());
    expect(shape(asMember.json())).toEqual(shape(asStranger.json()));
    expect(asMember.body).not.toMatch(/会员|member/i);
    const diverted = asMember.json<ApplicationCreated>().reference;
    expect(diverted).toMatch(/^[A-Z0-9]{10}$/);

    // kept out of the staff queue
    const items = await queue();
    expect(items.some((i) => i.reference === diverted)).toBe(false);
    expect(items.some((i) => i.reference === asStranger.json<ApplicationCreated>().reference)).toBe(true);

    // the status check reads as for any pending application
    const divertedStatus = (await status(diverted, intruder.phone)).json<ApplicationStatusView>();
    const strangerStatus = (await status(asStranger.json<ApplicationCreated>().reference, stranger.phone)).json<ApplicationStatusView>();
    expect(divertedStatus).toMatchObject({ status: 'pending', cardNumber: null, decidedAt: null, rejectReason: null, routedTo: strangerStatus.routedTo });
    expect(Object.keys(divertedStatus).sort()).toEqual(Object.keys(strangerStatus).sort());
    expect((await status(diverted, newPhone())).statusCode).toBe(404);

    // the member is told by SMS on the phone of the membership, the applying phone gets nothing but its code
    await t.app.flushNotifications();
    const told = smsTo(member.phone).find((m) => m.template === 'application_already_member');
    expect(told?.text).toContain(diverted);
    expect(told?.text).toContain('您已是');
    expect(smsTo(intruder.phone).map((m) => m.template)).toEqual(['application_code']);

    // the same member applying from the phone on record: the same accepted answer, the same SMS
    const again = await applyOnline(t, member);
    expect(again.statusCode).toBe(201);
    expect((await queue()).some((i) => i.reference === again.json<ApplicationCreated>().reference)).toBe(false);
    await t.app.flushNotifications();
    expect(smsTo(member.phone).filter((m) => m.template === 'application_already_member')).toHaveLength(2);

    const [row] = await t.handle.query<{ n: number }>(`select count(*)::int as n from diverted_applications where kind = 'already_member' and reference in ($1, $2)`, [diverted, again.json<ApplicationCreated>().reference]);
    expect(row!.n).toBe(2);
  });

  it('the member sign-in code request answers the same for every number', async () => {
    const member = rider();
    await approve((await applyOnline(t, member)).json<ApplicationCreated>().reference);
    const stranger = newPhone();
    const forMember = await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone: member.phone } });
    const forStranger = await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone: stranger } });
    expect([forMember.statusCode, forMember.body]).toEqual([forStranger.statusCode, forStranger.body]);
    await t.app.flushNotifications();
    expect(smsTo(member.phone).some((m) => m.template === 'otp')).toBe(true);
    expect(smsTo(stranger)).toEqual([]);
    // and its second request within the minute is refused alike
    const again = await Promise.all([member.phone, stranger].map((phone) => t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } })));
    expect(again.map((r) => r.statusCode)).toEqual([429, 429]);
  });

  it('tells the applicant by SMS when sign-in becomes possible', async () => {
    const body = rider();
    const created = (await applyOnline(t, body)).json<ApplicationCreated>();
    await approve(created.reference);
    const sms = smsTo(body.phone).find((m) => m.template === 'application_approved');
    expect(sms?.text).toContain(created.reference);
    expect(sms?.text).toContain('现在可以用本手机号登录连心');
  });
});

describe('one pending application per identity', () => {
  it('a double tap, a retry and concurrent submits from the same phone all answer with the first reference', async () => {
    const body = rider();
    const phoneCode = await applicationCode(t, body.phone);
    const first = await submit({ ...body, phoneCode });
    expect(first.statusCode).toBe(201);
    const retry = await submit({ ...body, phoneCode });
    expect(retry.json()).toEqual(first.json());

    const burst = rider();
    const code = await applicationCode(t, burst.phone);
    const answers = await Promise.all(Array.from({ length: 6 }, () => submit({ ...burst, phoneCode: code })));
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201, 201, 201, 201, 201]);
    const references = new Set(answers.map((a) => a.json<ApplicationCreated>().reference));
    expect(references.size).toBe(1);
    const [rows] = await t.handle.query<{ n: number; d: number }>(
      `select (select count(*)::int from applications where id_number_hash = $1) as n,
              (select count(*)::int from diverted_applications where phone_hash = $2) as d`,
      [t.app.keys.blindIndex(burst.idNumber), t.app.keys.blindIndex(burst.phone)],
    );
    expect(rows).toEqual({ n: 1, d: 0 });
  });

  it('from another phone: the accepted answer with its own reference, no second queue entry, the first applicant told by SMS', async () => {
    const body = rider();
    const first = (await applyOnline(t, body)).json<ApplicationCreated>();
    const other = { ...body, phone: newPhone() };
    const second = await applyOnline(t, other);
    expect(second.statusCode).toBe(201);
    const created = second.json<ApplicationCreated>();
    expect(created.reference).not.toBe(first.reference);
    expect(shape(created)).toEqual(shape(first));
    expect((await queue()).filter((i) => i.reference === first.reference || i.reference === created.reference).map((i) => i.reference)).toEqual([first.reference]);
    expect((await status(created.reference, other.phone)).json()).toMatchObject({ status: 'pending' });
    await t.app.flushNotifications();
    expect(smsTo(body.phone).find((m) => m.template === 'application_pending_elsewhere')?.text).toContain(first.reference);
    expect(smsTo(other.phone).map((m) => m.template)).toEqual(['application_code']);
  });

  it('concurrent submits of one identity from two phones keep one pending application', async () => {
    const body = rider();
    const other = { ...body, phone: newPhone() };
    const codes = await Promise.all([applicationCode(t, body.phone), applicationCode(t, other.phone)]);
    const answers = await Promise.all([submit({ ...body, phoneCode: codes[0] }), submit({ ...other, phoneCode: codes[1] })]);
    expect(answers.map((a) => a.statusCode)).toEqual([201, 201]);
    const [rows] = await t.handle.query<{ n: number; d: number }>(
      `select (select count(*)::int from applications where id_number_hash = $1 and status = 'pending') as n,
              (select count(*)::int from diverted_applications where kind = 'pending_elsewhere' and reference = any($2)) as d`,
      [t.app.keys.blindIndex(body.idNumber), answers.map((a) => a.json<ApplicationCreated>().reference)],
    );
    expect(rows).toEqual({ n: 1, d: 1 });
  });

  it('after a rejection the identity may apply again', async () => {
    const body = rider();
    const first = (await applyOnline(t, body)).json<ApplicationCreated>();
    const item = (await queue()).find((i) => i.reference === first.reference)!;
    expect((await request(t.app, baoshan, 'POST', `/api/applications/${item.id}/reject`, { reason: '材料不全' })).statusCode).toBe(200);
    const again = (await applyOnline(t, body)).json<ApplicationCreated>();
    expect(again.reference).not.toBe(first.reference);
    expect((await queue()).some((i) => i.reference === again.reference)).toBe(true);
  });
});

describe('the status check', () => {
  it('takes the reference and phone in the body; the old URL with the phone is gone', async () => {
    const body = rider();
    const created = (await applyOnline(t, body)).json<ApplicationCreated>();
    expect((await status(created.reference.toLowerCase(), body.phone)).json()).toMatchObject({ reference: created.reference, status: 'pending' });
    expect((await t.app.inject({ method: 'GET', url: `/api/applications/${created.reference}?phone=${body.phone}` })).statusCode).toBe(404);
    const bad = await status('x', '1');
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().fields).sort()).toEqual(['phone', 'reference']);
  });
});
