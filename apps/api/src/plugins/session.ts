import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { pickLocale, type Locale } from '@lianxin/contracts';
import { AppError } from '../errors.ts';
import { findSession, type SessionRow } from '../features/auth/sessions.repo.ts';

export const SESSION_COOKIE = 'lianxin_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    locale: Locale;
    session: SessionRow | null;
    sessionToken: string | null;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/**
 * Resolves the language and the cookie session of every request (a session idle past `sessionIdleMs`, of a
 * disabled user or of a member who has left counts as none; a live one's idle clock moves at most once a
 * minute), and refuses cookie-authenticated writes without the session's CSRF token in the X-CSRF-Token header.
 */
export function registerSession(app: FastifyInstance): void {
  app.decorateRequest('locale', 'zh-CN');
  app.decorateRequest('session', null);
  app.decorateRequest('sessionToken', null);

  app.addHook('onRequest', async (request) => {
    request.locale = pickLocale(request.headers['accept-language']);
    if (!request.url.startsWith('/api/')) return;
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    const session = await findSession(app.db, token, app.config.sessionIdleMs);
    if (!session) return;
    request.session = session;
    request.sessionToken = token;
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      if (typeof header !== 'string' || !sameToken(header, session.csrfToken)) {
        throw new AppError('csrf_failed', 403);
      }
    }
  });
}
