import type { FastifyRequest } from 'fastify';
import type { Database } from '@lianxin/db';
import { accessScope, type Actor, type Scope } from './access/access.ts';
import { requireActor } from './plugins/session.ts';
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

export function serviceContext(request: FastifyRequest): ServiceContext {
  const actor = requireActor(request);
  const app = request.server;
  return { db: app.db, cipher: app.cipher, keys: app.keys, actor, scope: accessScope(actor), ip: request.ip, flushNotifications: () => app.flushNotifications() };
}
