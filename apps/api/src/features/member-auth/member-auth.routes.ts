import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginResponseSchema, otpLoginSchema, otpRequestSchema } from '@lianxin/contracts';
import { SESSION_COOKIE } from '../../plugins/session.ts';
import { SESSION_TTL_MS } from '../auth/sessions.repo.ts';
import { loginWithOtp, requestOtp } from './member-auth.service.ts';
import { access } from '../../access/route-access.ts';
import { perPhoneRateLimit } from '../phone-verification/phone-verification.service.ts';

export const memberAuthRoutes: FastifyPluginAsyncZod = async (app) => {
  const perPhone = perPhoneRateLimit;

  app.post(
    '/api/member-auth/code',
    {
      schema: { tags: ['membership'], description: 'Sends a one-time sign-in code to a member\'s phone; the answer is the same for every number ("if this number can sign in, a code is on its way").', body: otpRequestSchema, response: { 202: z.object({ sent: z.literal(true) }) } },
      config: { ...perPhone(5), access: access.public },
    },
    async (request, reply) => {
      await requestOtp(app.db, app.keys, request.body.phone, { address: request.ip, codesPerAddressPerHour: app.config.smsCodesPerAddressPerHour });
      void app.flushNotifications();
      return reply.status(202).send({ sent: true as const });
    },
  );

  app.post(
    '/api/member-auth/login',
    { schema: { tags: ['membership'], body: otpLoginSchema, response: { 200: loginResponseSchema } }, config: { ...perPhone(10), access: access.public } },
    async (request, reply) => {
      const result = await loginWithOtp(app.db, app.keys, request.body.phone, request.body.code, request.ip);
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/', httpOnly: true, sameSite: 'lax', secure: app.config.secureCookies, maxAge: SESSION_TTL_MS / 1000,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );
};
