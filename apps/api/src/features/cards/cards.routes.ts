import QRCode from 'qrcode';
import { eq } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { members, orgs } from '@lianxin/db';
import { cardVerifyRequestSchema, cardVerifyResponseSchema, maskIdNumber, memberCardSchema } from '@lianxin/contracts';
import { serviceContext } from '../../context.ts';
import { notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { signCardToken, verifyCardToken } from './card-token.ts';
import { access } from '../../access/route-access.ts';

async function memberWithUnion(app: Parameters<FastifyPluginAsyncZod>[0], memberId: number) {
  const [row] = await app.db
    .select({ member: members, unionName: orgs.name })
    .from(members)
    .innerJoin(orgs, eq(orgs.id, members.orgId))
    .where(eq(members.id, memberId));
  return row;
}

export const cardRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/me/card',
    { schema: { tags: ['membership'], description: 'The signed-in member\'s e-card with its QR token.', response: { 200: memberCardSchema } }, config: { access: access.member } },
    async (request) => {
      // the route is member-only: the access hook refused anyone without a membership
      const { actor } = serviceContext(request);
      const row = await memberWithUnion(app, actor.memberId ?? 0);
      if (!row) throw notFound();
      const m = row.member;
      const token = signCardToken(app.keys, { m: m.id, c: m.cardNumber, v: m.cardVersion });
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
        token,
        qrSvg: await QRCode.toString(token, { type: 'svg', errorCorrectionLevel: 'M', margin: 1 }),
      };
    },
  );

  app.post(
    '/api/cards/verify',
    {
      schema: {
        tags: ['membership'],
        description: 'A service station checks a scanned e-card: valid only when genuine, current and active.',
        body: cardVerifyRequestSchema,
        response: { 200: cardVerifyResponseSchema },
      },
      config: { access: access.public, rateLimit: { max: 120, timeWindow: 60_000 } },
    },
    async (request) => {
      const claims = verifyCardToken(app.keys, request.body.token);
      if (!claims) return { valid: false };
      const row = await memberWithUnion(app, claims.m);
      const m = row?.member;
      if (!row || !m || m.cardNumber !== claims.c || m.cardVersion !== claims.v) return { valid: false };
      const member = { name: m.name, union: row.unionName, cardNumber: m.cardNumber, status: m.status };
      return { valid: m.status === 'active', member };
    },
  );
};
