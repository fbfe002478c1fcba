import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  ApplicationCreated, ApplicationItem, Enterprise, EnterpriseListResponse, MemberCard, MemberDetail, OrgSummary, TransferItem,
} from '@lianxin/contracts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

let t: TestApp;
let baoshan: Session;
let njdl: Session;

beforeAll(async () => {
  t = await startTestApp();
  baoshan = await signIn(t.app, 'demo-baoshan');
  njdl = await signIn(t.app, 'demo-nanjingdonglu');
});
afterAll(() => t.close());

const apply = (body: Record<string, unknown>, headers: Record<string, string> = {}) => applyOnline(t, body, headers);
const rider = (over: Record<string, unknown> = {}) => ({
  name: '李骑手', idNumber: newIdNumber(), phone: newPhone(), occupation: 'rider', regionCode: GUCUN, ...over,
});

async function applyAndApprove(body: Record<string, unknown>) {
  const created = (await apply(body)).json<ApplicationCreated>();
  const queue = (await request(t.app, baoshan, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>();
  const item = queue.items.find((i) => i.reference === created.reference);
  expect(item, 'application in the district queue').toBeDefined();
  const approved = await request(t.app, baoshan, 'POST', `/api/applications/${item!.id}/approve`);
  expect(approved.statusCode, approved.body).toBe(200);
  await t.app.flushNotifications();
  return { created, item: approved.json<ApplicationItem>() };
}

async function memberSignIn(phone: string): Promise<Session> {
  expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } })).statusCode).toBe(202);
  await t.app.flushNotifications();
  const code = t.sms.sent.filter((m) => m.phone === phone && m.template === 'otp').at(-1)?.params.code;
  expect(code).toMatch(/^\d{6}$/);
  const response = await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone, code } });
  expect(response.statusCode, response.body).toBe(200);
  const cookie = response.cookies.find((c) => c.name === 'lianxin_session')!;
  const body = response.json<{ csrfToken: string; user: { id: number; org: { id: number } } }>();
  return { cookie: `lianxin_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id, orgId: body.user.org.id };
}

describe('a rider joins online, is approved, signs in with a code and shows the e-card', () => {
  it('routes, approves, issues a card that a station can verify', async () => {
    const body = rider();
    const response = await apply(body);
    expect(response.statusCode, response.body).toBe(201);
    const created = response.json<ApplicationCreated>();
    expect(created.reference).toMatch(/^[A-Z0-9]{10}$/);

    // the routing the rule should choose, from the data: a 网约送餐员 federation of 顾村, else of 宝山区, else 顾村's union
    const [expected] = await t.handle.query<{ id: number }>(
      `select id from orgs where kind = 'industry_federation' and sector = '网约送餐员' and region_code in ($1, '310113')
        order by (region_code = $1) desc limit 1`, [GUCUN],
    );
    if (expected) {
      expect(created).toMatchObject({ routedTo: { id: expected.id }, reasonCode: 'industry_federation' });
      expect(created.reason).toBe(`按你的职业：提交至${created.routedTo.name}`);
    } else {
      expect(created).toMatchObject({ routedTo: { name: '宝山区顾村镇总工会' }, reasonCode: 'territorial_union' });
    }

    const status = await t.app.inject({ method: 'POST', url: '/api/applications/status', payload: { reference: created.reference, phone: body.phone } });
    expect(status.json()).toMatchObject({ status: 'pending', routedTo: created.routedTo, cardNumber: null });
    const wrongPhone = await t.app.inject({ method: 'POST', url: '/api/applications/status', payload: { reference: created.reference, phone: '13900000000' } });
    expect(wrongPhone.statusCode).toBe(404);

    // another street sees none of it
    const theirs = (await request(t.app, njdl, 'GET', '/api/applications?pageSize=200')).json<{ items: ApplicationItem[] }>();
    expect(theirs.items.some((i) => i.reference === created.reference)).toBe(false);

    const queue = (await request(t.app, baoshan, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>();
    const item = queue.items.find((i) => i.reference === created.reference)!;
    expect(item.idNumber).toMatch(/^310\*{11}\d{3}[\dX]$/);
    expect(item.phone).toMatch(/^139\*{4}\d{4}$/);
    expect((await request(t.app, njdl, 'POST', `/api/applications/${item.id}/approve`)).statusCode).toBe(404);
    const approved = await request(t.app, baoshan, 'POST', `/api/applications/${item.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);
    const memberId = approved.json<ApplicationItem>().memberId!;
    await t.app.flushNotifications();
    const approvedSms = t.sms.sent.find((m) => m.phone === body.phone && m.template === 'application_approved');
    expect(approvedSms?.text).toContain('现在可以用本手机号登录连心');
    expect((await request(t.app, baoshan, 'POST', `/api/applications/${item.id}/approve`)).statusCode).toBe(409);

    const member = (await request(t.app, baoshan, 'GET', `/api/members/${memberId}`)).json<MemberDetail>();
    expect(member).toMatchObject({ name: '李骑手', category: 'non_standard', joinChannel: 'out_of_enterprise', status: 'active' });
    expect(member.subsidies.map((s) => [s.level, s.amountFen]).sort()).toEqual([['district', 3000], ['street', 3000]]);
    const [stored] = await t.handle.query<{ id_number_enc: string; phone_enc: string }>('select * from members where id = $1', [memberId]);
    expect(stored!.id_number_enc).toMatch(/^v1:/);
    expect(JSON.stringify(stored)).not.toContain(body.idNumber);
    expect(JSON.stringify(stored)).not.toContain(body.phone);

    // sign in with a one-time code
    const session = await memberSignIn(body.phone);
    const card = (await request(t.app, session, 'GET', '/api/me/card')).json<MemberCard>();
    expect(card).toMatchObject({ name: '李骑手', cardNumber: member.cardNumber, status: 'active', union: member.union });
    expect(card.idNumber).not.toContain(body.idNumber.slice(6, 14));
    expect(card.qrSvg).toContain('<svg');
    const verified = await t.app.inject({ method: 'POST', url: '/api/cards/verify', payload: { token: card.token } });
    expect(verified.json()).toEqual({ valid: true, member: { maskedName: '李*手', union: member.union.name } });
    const forged = card.token.slice(0, -2) + (card.token.endsWith('AA') ? 'BB' : 'AA');
    expect((await t.app.inject({ method: 'POST', url: '/api/cards/verify', payload: { token: forged } })).json()).toEqual({ valid: false });

    // the member sees only themselves: their card, and none of the staff lists
    expect((await request(t.app, session, 'GET', '/api/members')).statusCode).toBe(403);
    expect((await request(t.app, session, 'GET', '/api/enterprises')).statusCode).toBe(403);

    // leaving revokes the card
    const left = await request(t.app, baoshan, 'POST', `/api/members/${memberId}/leave`, { reason: '离开上海' });
    expect(left.json<MemberDetail>().status).toBe('left');
    expect((await t.app.inject({ method: 'POST', url: '/api/cards/verify', payload: { token: card.token } })).json().valid).toBe(false);
    // and ends the member's session at the next request
    expect((await request(t.app, session, 'GET', '/api/me/card')).statusCode).toBe(401);
  });

  it('one-time codes are single-use, wrong codes fail, and resending is rate-limited', async () => {
    const body = rider({ occupation: 'office' });
    await applyAndApprove(body);
    expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone: body.phone } })).statusCode).toBe(202);
    expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone: body.phone } })).statusCode).toBe(429);
    await t.app.flushNotifications();
    const code = t.sms.sent.filter((m) => m.phone === body.phone && m.template === 'otp').at(-1)!.params.code!;
    const wrong = code === '000000' ? '111111' : '000000';
    const bad = await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone: body.phone, code: wrong } });
    expect(bad.statusCode).toBe(401);
    expect(bad.json().fields).toEqual({ code: '验证码错误或已过期' });
    expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone: body.phone, code } })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone: body.phone, code } })).statusCode).toBe(401);
    // a phone that is no member gets the same answer and no message
    const stranger = newPhone();
    expect((await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone: stranger } })).statusCode).toBe(202);
    await t.app.flushNotifications();
    expect(t.sms.sent.some((m) => m.phone === stranger)).toBe(false);
  });
});

describe('identity rules', () => {
  it('an application approved while the identity became a member elsewhere is refused, naming the union masked', async () => {
    const idNumber = newIdNumber();
    const first = (await apply(rider({ idNumber, occupation: 'office' }))).json<ApplicationCreated>();
    const queue = (await request(t.app, baoshan, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: ApplicationItem[] }>();
    const item = queue.items.find((i) => i.reference === first.reference)!;
    // the same person joins through an enterprise union meanwhile (written straight to the table, as an import would)
    await t.handle.query(
      `insert into members (name, id_number_enc, id_number_hash, phone_enc, phone_hash, gender, birth_date, occupation, category, join_channel,
                            org_id, org_path, card_number, joined_on)
       select '李骑手', 'v1:x', $1, 'v1:x', 'x', 'male', '1990-01-01', 'office', 'standard', 'import', id, path, 'TEST' || id || 'X', '2026-01-01'
         from orgs where kind = 'enterprise_union' order by id limit 1`,
      [t.app.keys.blindIndex(idNumber)],
    );
    const approved = await request(t.app, baoshan, 'POST', `/api/applications/${item.id}/approve`);
    expect(approved.statusCode).toBe(409);
    expect(approved.json().message).toMatch(/^此人已是.+\*+.+的会员，可申请组织关系转接$/);
    expect(approved.json().details).toMatchObject({ canTransfer: true });
  });

  it('validates applications on the field', async () => {
    const good = newIdNumber();
    const wrongCheck = good.slice(0, 17) + (good.endsWith('0') ? '1' : '0');
    const response = await apply({ name: '王', idNumber: wrongCheck, phone: '12345', occupation: 'pilot' });
    expect(response.statusCode).toBe(400);
    expect(response.json().fields).toMatchObject({
      idNumber: '身份证号校验位不符，请核对', phone: '手机号码格式不正确', name: '请填写真实姓名（2–30 字）',
    });
    expect(response.json().fields).toHaveProperty('occupation');
    const birth = await apply(rider({ idNumber: '310113' + '19900231' + '123' + '0' }));
    expect(birth.json().fields.idNumber).toBe('身份证号中的出生日期不正确');
    const noArea = await apply(rider({ regionCode: undefined }), { 'accept-language': 'en' });
    expect(noArea.json().fields).toEqual({ regionCode: 'Without an employer, choose the street or district where you work or live' });
    const unknownEmployer = await apply(rider({ employerCreditCode: '91310000607216596U' }));
    expect(unknownEmployer.json().fields).toEqual({ employerCreditCode: '未在企业名录中找到该单位' });
  });
});

describe('joining outside an enterprise, transfers and access', () => {
  it('counts an out-of-enterprise join on the enterprise without a union', async () => {
    const gucun = await signIn(t.app, 'demo-gucun');
    const target = (await request(t.app, gucun, 'GET', '/api/enterprises?unionStatus=none&pageSize=1')).json<EnterpriseListResponse>().items[0]!;
    const { created, item } = await applyAndApprove(rider({ occupation: 'office', employerCreditCode: target.creditCode, regionCode: undefined }));
    expect(created.reason).toContain('提交至');
    const member = (await request(t.app, baoshan, 'GET', `/api/members/${item.memberId}`)).json<MemberDetail>();
    expect(member).toMatchObject({ joinChannel: 'out_of_enterprise', category: 'no_union', enterprise: { id: target.id } });
    const detail = (await request(t.app, gucun, 'GET', `/api/enterprises/${target.id}`)).json<Enterprise>();
    expect(detail.workersJoinedOutside).toBe(1);
  });

  it('transfers a member to a union in another district; the receiver approves; history kept', async () => {
    const { item } = await applyAndApprove(rider({ occupation: 'office' }));
    const memberId = item.memberId!;
    const [njdlOrg] = (await request(t.app, njdl, 'GET', '/api/orgs/children')).json<{ items: OrgSummary[] }>().items;
    const directory = (await request(t.app, baoshan, 'GET', `/api/orgs/directory?q=${encodeURIComponent('南京东路街道总工会')}`)).json<{ items: { id: number }[] }>();
    expect(directory.items.map((o) => o.id)).toContain(njdlOrg!.id);

    const requested = await request(t.app, baoshan, 'POST', `/api/members/${memberId}/transfers`, { toOrgId: njdlOrg!.id, reason: '工作调动' });
    expect(requested.statusCode, requested.body).toBe(201);
    const transfer = requested.json<TransferItem>();
    expect((await request(t.app, baoshan, 'POST', `/api/members/${memberId}/transfers`, { toOrgId: njdlOrg!.id })).statusCode).toBe(409);
    // the sender cannot approve for the receiver
    expect((await request(t.app, baoshan, 'POST', `/api/transfers/${transfer.id}/approve`)).statusCode).toBe(404);
    expect((await request(t.app, njdl, 'GET', `/api/members/${memberId}`)).statusCode).toBe(404);

    const incoming = (await request(t.app, njdl, 'GET', '/api/transfers?direction=incoming&status=pending')).json<{ items: TransferItem[] }>();
    expect(incoming.items.map((i) => i.id)).toContain(transfer.id);
    const approved = await request(t.app, njdl, 'POST', `/api/transfers/${transfer.id}/approve`);
    expect(approved.statusCode, approved.body).toBe(200);

    const moved = (await request(t.app, njdl, 'GET', `/api/members/${memberId}`)).json<MemberDetail>();
    expect(moved.union.id).toBe(njdlOrg!.id);
    expect(moved.transfers).toMatchObject([{ id: transfer.id, status: 'approved', to: { id: njdlOrg!.id } }]);
    expect((await request(t.app, baoshan, 'GET', `/api/members/${memberId}`)).statusCode).toBe(404);
    const [tree] = (await request(t.app, njdl, 'GET', '/api/orgs/children')).json<{ items: OrgSummary[] }>().items;
    expect(tree!.members).toBeGreaterThanOrEqual(1);
  });

  it('reveals ID and phone only to allowed roles, and logs each reveal', async () => {
    const body = rider({ occupation: 'office' });
    const { item } = await applyAndApprove(body);
    const assessor = await signIn(t.app, 'demo-assessor');
    expect((await request(t.app, assessor, 'GET', `/api/members/${item.memberId}`)).statusCode).toBe(200);
    expect((await request(t.app, assessor, 'POST', `/api/members/${item.memberId}/reveal`)).statusCode).toBe(403);
    expect((await request(t.app, njdl, 'POST', `/api/members/${item.memberId}/reveal`)).statusCode).toBe(404);
    const revealed = await request(t.app, baoshan, 'POST', `/api/members/${item.memberId}/reveal`);
    expect(revealed.json()).toEqual({ idNumber: body.idNumber, phone: body.phone });
    const audit = (await request(t.app, baoshan, 'GET', '/api/audit?action=read_personal&objectType=member&pageSize=50')).json<{ items: { objectId: string; detail: { view?: string } }[] }>();
    expect(audit.items.some((e) => e.objectId === String(item.memberId) && e.detail.view === 'reveal')).toBe(true);
    // edits by another street are refused
    expect((await request(t.app, njdl, 'PATCH', `/api/members/${item.memberId}`, { occupation: 'rider' })).statusCode).toBe(404);
    const edited = await request(t.app, baoshan, 'PATCH', `/api/members/${item.memberId}`, { occupation: 'rider', phone: 'x' });
    expect(edited.statusCode).toBe(400);
    expect(edited.json().fields).toEqual({ phone: '手机号码格式不正确' });
  });

  it('lists members with filters, masked', async () => {
    const list = (await request(t.app, baoshan, 'GET', '/api/members?category=informal&status=active&pageSize=50')).json<{ items: { category: string; idNumber: string }[]; total: number }>();
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((m) => m.category === 'informal' && m.idNumber.includes('*'))).toBe(true);
    const bad = await request(t.app, baoshan, 'GET', '/api/members?category=vip&joinedFrom=yesterday');
    expect(Object.keys(bad.json().fields).sort()).toEqual(['category', 'joinedFrom']);
  });
});
