import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CardToken, MemberCard } from '@lianxin/contracts';
import { CARD_TOKEN_TTL_S, signCardToken } from '../src/features/cards/card-token.ts';
import { CARD_VERIFY_PER_MINUTE } from '../src/features/cards/cards.routes.ts';
import { GUCUN, newIdNumber, newPhone } from './support/fixtures.ts';
import { applyOnline, request, signIn, startTestApp, type Session, type TestApp } from './support/test-app.ts';

/**
 * The e-card's QR token verifies for 90 seconds; verification is rate-limited, audit-logged and answers only
 * `{valid, member?: {maskedName, union}}`. Leaving still revokes a card (its version is bumped).
 */

let t: TestApp;
let staff: Session;
let member: Session;
let memberId: number;
let unionName: string;
let orgPath: string;

beforeAll(async () => {
  t = await startTestApp();
  staff = await signIn(t.app, 'demo-baoshan');
  const phone = newPhone();
  const created = await applyOnline(t, { name: '欧阳卡片', idNumber: newIdNumber(), phone, occupation: 'rider', regionCode: GUCUN });
  const queue = (await request(t.app, staff, 'GET', '/api/applications?status=pending&pageSize=200')).json<{ items: { id: number; reference: string }[] }>();
  const item = queue.items.find((i) => i.reference === created.json<{ reference: string }>().reference)!;
  memberId = (await request(t.app, staff, 'POST', `/api/applications/${item.id}/approve`)).json<{ memberId: number }>().memberId;
  const [row] = await t.handle.query<{ name: string; path: string }>(
    'select o.name, m.org_path::text as path from members m join orgs o on o.id = m.org_id where m.id = $1', [memberId],
  );
  unionName = row!.name;
  orgPath = row!.path;
  await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } });
  await t.app.flushNotifications();
  const code = t.sms.sent.filter((m) => m.phone === phone && m.template === 'otp').at(-1)!.params.code;
  const response = await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone, code } });
  const body = response.json<{ csrfToken: string; user: { id: number; org: { id: number } } }>();
  member = { cookie: `lianxin_session=${response.cookies.find((c) => c.name === 'lianxin_session')!.value}`, csrfToken: body.csrfToken, userId: body.user.id, orgId: body.user.org.id };
});
afterAll(() => t.close());

let nextAddress = 1;
/** Each check from its own address unless given, so the rate limit only bites where a test means it to. */
const verify = (token: string, options: { session?: Session; remoteAddress?: string } = {}) =>
  t.app.inject({
    method: 'POST', url: '/api/cards/verify', payload: { token },
    remoteAddress: options.remoteAddress ?? `198.51.100.${nextAddress++}`,
    headers: options.session ? { cookie: options.session.cookie, 'x-csrf-token': options.session.csrfToken } : {},
  });
const cardAudit = async (since: number) =>
  t.handle.query<{ actor_username: string | null; object_id: string | null; org_path: string | null; detail: { result: string }; ip: string }>(
    `select actor_username, object_id, org_path::text as org_path, detail, ip from audit_log where action = 'verify_card' and id > $1 order by id`, [since],
  );
const lastAuditId = async () => (await t.handle.query<{ id: number }>('select coalesce(max(id), 0)::int as id from audit_log'))[0]!.id;
const claims = () => t.handle.query<{ card_number: string; card_version: number }>('select card_number, card_version from members where id = $1', [memberId])
  .then(([r]) => ({ m: memberId, c: r!.card_number, v: r!.card_version }));

describe('the member\'s card and its QR token', () => {
  it('issues a token that verifies for 60–120 seconds, with a fresh one on demand', async () => {
    const card = (await request(t.app, member, 'GET', '/api/me/card')).json<MemberCard>();
    expect(card.expiresIn).toBe(CARD_TOKEN_TTL_S);
    const body = JSON.parse(Buffer.from(card.token.split('.')[0]!, 'base64url').toString('utf8')) as { e: number };
    const lifetime = body.e - Date.now() / 1000;
    expect(lifetime).toBeGreaterThan(55);
    expect(lifetime).toBeLessThanOrEqual(120);
    const fresh = (await request(t.app, member, 'GET', '/api/me/card/token')).json<CardToken>();
    expect(Object.keys(fresh).sort()).toEqual(['expiresIn', 'qrSvg', 'token']);
    expect(fresh.qrSvg).toContain('<svg');
    expect((await verify(fresh.token)).json()).toEqual({ valid: true, member: { maskedName: '欧**片', union: unionName } });
  });

  it('only a member gets a token', async () => {
    expect((await request(t.app, null, 'GET', '/api/me/card/token')).statusCode).toBe(401);
    expect((await request(t.app, staff, 'GET', '/api/me/card/token')).statusCode).toBe(403);
  });
});

describe('verification at a station', () => {
  it('answers valid with the masked name and the union only', async () => {
    const token = signCardToken(t.app.keys, await claims(), Math.floor(Date.now() / 1000) + 60);
    const answer = await verify(token);
    expect(answer.statusCode).toBe(200);
    expect(answer.json()).toEqual({ valid: true, member: { maskedName: '欧**片', union: unionName } });
    expect(answer.body).not.toContain('欧阳卡片');
    expect(answer.body).not.toContain((await claims()).c);
  });

  it('refuses expired tokens (a screenshot), forged ones and ones with no expiry, saying nothing more', async () => {
    const now = Math.floor(Date.now() / 1000);
    const current = await claims();
    const refused = [
      signCardToken(t.app.keys, current, now),
      signCardToken(t.app.keys, current, now - 1),
      signCardToken(t.app.keys, current, now - 86_400),
      // the format before tokens expired
      (() => {
        const body = Buffer.from(JSON.stringify(current)).toString('base64url');
        return `${body}.${t.app.keys.sign(body)}`;
      })(),
      signCardToken(t.app.keys, { ...current, m: memberId + 1 }, now + 60),
      signCardToken(t.app.keys, { ...current, v: current.v + 1 }, now + 60),
      signCardToken(t.app.keys, { ...current, c: '3100000000000000' }, now + 60),
    ];
    const valid = signCardToken(t.app.keys, current, now + 60);
    refused.push(valid.slice(0, -2) + (valid.endsWith('AA') ? 'BB' : 'AA'), 'x'.repeat(40));
    for (const token of refused) expect((await verify(token)).json(), token).toEqual({ valid: false });
  });

  it('audits every check with its result and the real address; a console session is the actor', async () => {
    const since = await lastAuditId();
    const now = Math.floor(Date.now() / 1000);
    const current = await claims();
    await verify(signCardToken(t.app.keys, current, now + 60), { remoteAddress: '203.0.113.61', session: staff });
    await verify(signCardToken(t.app.keys, current, now - 5), { remoteAddress: '203.0.113.62' });
    await verify('forged-token-forged-token', { remoteAddress: '203.0.113.63' });
    await verify(signCardToken(t.app.keys, { ...current, v: current.v + 5 }, now + 60), { remoteAddress: '203.0.113.64' });
    const [city] = await t.handle.query<{ path: string }>('select path::text as path from orgs where parent_id is null');
    expect(await cardAudit(since)).toEqual([
      { actor_username: 'demo-baoshan', object_id: String(memberId), org_path: orgPath, detail: { result: 'valid' }, ip: '203.0.113.61' },
      { actor_username: null, object_id: String(memberId), org_path: orgPath, detail: { result: 'expired' }, ip: '203.0.113.62' },
      { actor_username: null, object_id: null, org_path: city!.path, detail: { result: 'forged' }, ip: '203.0.113.63' },
      { actor_username: null, object_id: String(memberId), org_path: orgPath, detail: { result: 'revoked' }, ip: '203.0.113.64' },
    ]);
    // the member's district sees the checks of its members' cards on its audit page; another district does not
    const page = (await request(t.app, staff, 'GET', '/api/audit?action=verify_card&pageSize=50')).json<{ items: { objectId: string | null }[] }>();
    expect(page.items.filter((e) => e.objectId === String(memberId)).length).toBeGreaterThanOrEqual(3);
    const other = await signIn(t.app, 'demo-nanjingdonglu');
    const theirs = (await request(t.app, other, 'GET', '/api/audit?action=verify_card&pageSize=50')).json<{ items: { objectId: string | null }[] }>();
    expect(theirs.items.some((e) => e.objectId === String(memberId))).toBe(false);
  });

  it(`is rate-limited to ${CARD_VERIFY_PER_MINUTE} checks a minute per address`, async () => {
    const token = signCardToken(t.app.keys, await claims(), Math.floor(Date.now() / 1000) + 60);
    const statuses: number[] = [];
    for (let i = 0; i < CARD_VERIFY_PER_MINUTE + 3; i++) statuses.push((await verify(token, { remoteAddress: '203.0.113.99' })).statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(CARD_VERIFY_PER_MINUTE);
    expect(statuses.slice(CARD_VERIFY_PER_MINUTE)).toEqual([429, 429, 429]);
    // another station is not affected
    expect((await verify(token, { remoteAddress: '203.0.113.100' })).statusCode).toBe(200);
  });

  it('leaving revokes even a token that has not expired yet', async () => {
    const card = (await request(t.app, member, 'GET', '/api/me/card')).json<MemberCard>();
    expect((await verify(card.token)).json().valid).toBe(true);
    expect((await request(t.app, staff, 'POST', `/api/members/${memberId}/leave`, { reason: '离开上海' })).statusCode).toBe(200);
    expect((await verify(card.token)).json()).toEqual({ valid: false });
    // and the member's session with it: no new token either
    expect((await request(t.app, member, 'GET', '/api/me/card/token')).statusCode).toBe(401);
  });
});
