import type { FastifyRequest } from 'fastify';
import type { Database } from '@lianxin/db';
import type { Actor, Scope } from './access/access.ts';
import type { AppKeys } from './security/keys.ts';
import type { PiiCipher } from './security/pii-cipher.ts';

/** What a service call needs to know about the request: who, within which scope, from where. */
export interface ServiceContext {
  db: Database;
  cipher: PiiCipher;
  keys: AppKeys;
  actor: Actor;
  scope: Scope;
  ip: string;
  /** deliver outbox messages written by a committed transaction */
  flushNotifications(): Promise<void>;
}

/**
 * The context the access hook built for this request. Only routes declared `session`, `member` or `staff`
 * have one; asking for it on a public route is a programming error, not a user's.
 */
export function serviceContext(request: FastifyRequest): ServiceContext {
  if (!request.ctx) throw new Error(`${request.method} ${request.routeOptions.url ?? request.url}: no service context on a public route`);
  return request.ctx;
}
