import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { members, orgs } from '@lianxin/db';
import {
  cardTokenSchema, cardVerifyRequestSchema, cardVerifyResponseSchema, maskIdNumber, maskName, memberCardSchema, type CardToken,
} from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { cityOrgPath, recordAudit } from '../audit/audit.repo.ts';
import { CARD_TOKEN_TTL_S, checkCardToken, signCardToken } from './card-token.ts';
import { access } from '../../access/route-access.ts';

/** Scans one station address may check a minute (a staffed counter scans a card every few seconds at most). */
export const CARD_VERIFY_PER_MINUTE = 60;

async function memberWithUnion(app: FastifyInstance, memberId: number) {
  const [row] = await app.db
    .select({ member: members, unionName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, memberId));
  return row;
}

/** A fresh QR token for a member's card, valid CARD_TOKEN_TTL_S seconds from `now`. */
async function issueToken(app: FastifyInstance, member: { id: number; cardNumber: string; cardVersion: number }, now: number): Promise<CardToken> {
  const expiresAt = Math.floor(now / 1000) + CARD_TOKEN_TTL_S;
  const token = signCardToken(app.keys, { m: member.id, c: member.cardNumber, v: member.cardVersion }, expiresAt);
  return {
    token,
    qrSvg: await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
    expiresIn: CARD_TOKEN_TTL_S,
  };
}

export const cardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/card',
    { schema: { tags: ['membership'], description: 'The signed-in member\'s e-card with a short-lived QR token.', response: { 200: memberCardSchema } }, config: { access: access.member } },
    async (request) => {
      // the route is member-only: the access hook refused anyone without a membership
      const { actor } = serviceContext(request);
      const row = await memberWithUnion(app, actor.memberId ?? 0);
      if (!row) throw notFound();
      const m = row.member;
      await recordAudit(app.db, actor, request.ip, {
        action: 'read_personal', objectType: 'member', objectId: m.id, orgPath: m.orgPath, detail: { view: 'card' },
      });
      return {
        name: m.name,
        idNumber: maskIdNumber(app.cipher.decrypt(m.idNumberEnc)),
        union: { id: m.orgId, name: row.unionName },
        cardNumber: m.cardNumber,
        status: m.status,
        joinedOn: m.joinedOn,
        ...(await issueToken(app, m, Date.now())),
      };
    },
  );

  app.get(
    '/api/me/card/token',
    {
      schema: {
        tags: ['membership'],
        description: 'A new QR token for the signed-in member\'s card (the H5 asks before the shown one expires); no personal data.',
        response: { 200: cardTokenSchema },
      },
      config: { access: access.member },
    },
    async (request) => {
      const { actor } = serviceContext(request);
      const [m] = await app.db
        .select({ id: members.id, cardNumber: members.cardNumber, cardVersion: members.cardVersion })
        .from(members)
        .where(eq(members.id, actor.memberId ?? 0));
      if (!m) throw notFound();
      return issueToken(app, m, Date.now());
    },
  );

  /*
   * Public on purpose: cards are shown at 职工服务站 but also at 爱心接力站 in shops, banks and petrol stations and
   * at partner merchants, whose people have no account here. What a scan can learn is only "valid" plus a masked
   * name and the union, from a signed token that is useless 90 s after it was shown; every scan is rate-limited
   * per address and audit-logged (with the staff user when a signed-in console does the checking).
   */
  app.post(
    '/api/cards/verify',
    {
      schema: {
        tags: ['membership'],
        description: 'A service station checks a scanned e-card: valid only when genuine, unexpired, current and active.',
        body: cardVerifyRequestSchema,
        response: { 200: cardVerifyResponseSchema },
      },
      config: { access: access.public, rateLimit: { max: CARD_VERIFY_PER_MINUTE, timeWindow: 60_000 } },
    },
    async (request) => {
      const check = checkCardToken(app.keys, request.body.token, Date.now());
      const claims = check.ok || check.reason === 'expired' ? check.claims : null;
      const row = claims ? await memberWithUnion(app, claims.m) : undefined;
      const m = row?.member;
      const current = check.ok && m !== undefined && m.cardNumber === check.claims.c && m.cardVersion === check.claims.v;
      const result = !check.ok ? check.reason : !current ? 'revoked' : m.status !== 'active' ? 'inactive' : 'valid';
      const session = request.session;
      await recordAudit(app.db, session ? { userId: session.user.id, username: session.user.username } : null, request.ip, {
        action: 'verify_card',
        objectType: 'member',
        objectId: m?.id ?? null,
        orgPath: m?.orgPath ?? (await cityOrgPath(app.db)),
        detail: { result },
      });
      if (result !== 'valid' || !row || !m) return { valid: false };
      return { valid: true, member: { maskedName: maskName(m.name), union: row.unionName } };
    },
  );
};
