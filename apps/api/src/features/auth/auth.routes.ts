import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loginRequestSchema, loginResponseSchema, meResponseSchema } from '@lianxin/contracts';
import { rateLimited, unauthenticated } from '../../errors.ts';
import { serviceContext } from '../../context.ts';
import { SESSION_COOKIE } from '../../plugins/session.ts';
import { recordAudit } from '../audit/audit.repo.ts';
import { login, toSessionUser } from './auth.service.ts';
import { deleteSession, SESSION_TTL_MS } from './sessions.repo.ts';
import { access } from '../../access/route-access.ts';

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: app.config.secureCookies,
  } as const;

  // across names too: one address trying many names with a few passwords each (password spraying) stops here
  const perAddress = app.createRateLimit({ max: app.config.loginAddressRateLimit, timeWindow: 60_000, keyGenerator: (request) => request.ip });

  app.post(
    '/api/auth/login',
    {
      schema: { tags: ['auth'], body: loginRequestSchema, response: { 200: loginResponseSchema } },
      preHandler: async (request) => {
        const limit = await perAddress(request);
        if (!limit.isAllowed && limit.isExceeded) throw rateLimited(limit.ttlInSeconds);
      },
      config: {
        access: access.public,
        rateLimit: {
          max: app.config.loginRateLimit.max,
          timeWindow: app.config.loginRateLimit.windowMs,
          // per address and account: one attacker cannot lock out a whole office behind one NAT
          keyGenerator: (request) => {
            const body = request.body as { username?: unknown } | undefined;
            return `${request.ip}|${typeof body?.username === 'string' ? body.username.toLowerCase() : ''}`;
          },
        },
      },
    },
    async (request, reply) => {
      const result = await login(
        { db: app.db, keys: app.keys, lockout: app.config.loginLockout }, request.body.username, request.body.password, request.ip,
      );
      reply.setCookie(SESSION_COOKIE, result.token, { ...cookieOptions, maxAge: SESSION_TTL_MS / 1000 });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  );

  app.get('/api/auth/me', { schema: { tags: ['auth'], response: { 200: meResponseSchema } }, config: { access: access.session } }, async (request) => {
    const session = request.session;
    if (!session) throw unauthenticated();
    return { user: toSessionUser(session), csrfToken: session.csrfToken };
  });

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], response: { 204: z.undefined() } }, config: { access: access.session } },
    async (request, reply) => {
      const { actor } = serviceContext(request);
      if (request.sessionToken) await deleteSession(app.db, request.sessionToken);
      await recordAudit(app.db, actor, request.ip, {
        action: 'logout', objectType: 'user', objectId: actor.userId, orgPath: actor.orgPath,
      });
      reply.clearCookie(SESSION_COOKIE, cookieOptions);
      return reply.status(204).send();
    },
  );
};
