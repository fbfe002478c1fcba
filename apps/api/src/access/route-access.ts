/**
 * Every API route declares its access in `config.access`; one hook enforces it, before the body is parsed or
 * validated. A route without a declaration cannot be registered (the app refuses to start), and the inventory
 * test asks every declared route as anonymous, as another district's staff and, for writes, as the assessor.
 *
 * - `public`: anyone (the join form, the station finder, health);
 * - `session`: anyone signed in (who am I, sign out);
 * - `member`: a member signed in on the H5, for their own records;
 * - `staff read` / `staff write`: union staff inside their scope (capabilities `records.read` / `records.write`),
 *   optionally with a further capability (e.g. `coverage.setTargets`).
 * Passing the declaration gives the handler a `ServiceContext` (`serviceContext(request)`) whose scope every
 * query then applies; out of scope reads as 404.
 */
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import { can, type Capability } from '@lianxin/contracts';
import { forbidden, unauthenticated } from '../errors.ts';
import { accessScope, type Actor } from './access.ts';
import type { ServiceContext } from '../context.ts';

export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'member' }
  | { kind: 'staff'; mode: 'read' | 'write'; capability?: Capability };

/** The declarations, as routes write them: `config: { access: access.staffWrite('coverage.setTargets') }`. */
export const access = {
  public: { kind: 'public' } as RouteAccess,
  session: { kind: 'session' } as RouteAccess,
  member: { kind: 'member' } as RouteAccess,
  staffRead: (capability?: Capability): RouteAccess => ({ kind: 'staff', mode: 'read', ...(capability ? { capability } : {}) }),
  staffWrite: (capability?: Capability): RouteAccess => ({ kind: 'staff', mode: 'write', ...(capability ? { capability } : {}) }),
};

/** How a declaration reads in the inventory listing, e.g. "staff write + coverage.setTargets". */
export function describeAccess(a: RouteAccess): string {
  if (a.kind !== 'staff') return a.kind;
  return `staff ${a.mode}${a.capability ? ` + ${a.capability}` : ''}`;
}

export interface RouteInventoryEntry {
  method: HTTPMethods;
  url: string;
  access: RouteAccess;
  /** requests per window one key may make, when the route is rate-limited (`config.rateLimit.max`) */
  rateLimit?: number;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    /** set by the access hook for every non-public route */
    ctx: ServiceContext | null;
  }
  interface FastifyInstance {
    /** every /api route with its declared access, in registration order */
    routeInventory: RouteInventoryEntry[];
  }
}

function actorOf(request: FastifyRequest): Actor | null {
  const session = request.session;
  if (!session) return null;
  return {
    userId: session.user.id,
    username: session.user.username,
    role: session.user.role,
    orgId: session.org.id,
    orgPath: session.org.path,
    memberId: session.memberId,
    grants: session.grants,
  };
}

/** Registers the declaration check (at route registration) and its enforcement (per request). */
export function registerRouteAccess(app: FastifyInstance): void {
  const inventory: RouteInventoryEntry[] = [];
  app.decorate('routeInventory', inventory);
  app.decorateRequest('ctx', null);

  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const declared = route.config?.access;
    const methods = [route.method].flat();
    if (!declared) throw new Error(`${methods.join(',')} ${route.url} declares no access (config.access)`);
    const limit = (route.config as { rateLimit?: { max?: unknown } } | undefined)?.rateLimit?.max;
    // Fastify adds a HEAD route beside each GET; it shares the GET's declaration
    for (const method of methods) {
      if (method !== 'HEAD') inventory.push({ method, url: route.url, access: declared, ...(typeof limit === 'number' ? { rateLimit: limit } : {}) });
    }
  });

  // after the session hook (registered before this), before parsing and validation
  app.addHook('onRequest', async (request) => {
    const declared = request.routeOptions.config.access;
    if (!declared || declared.kind === 'public') return;
    const actor = actorOf(request);
    if (!actor) throw unauthenticated();
    if (declared.kind === 'member' && (actor.role !== 'member' || actor.memberId === null)) throw forbidden();
    if (declared.kind === 'staff') {
      if (!can(actor, declared.mode === 'write' ? 'records.write' : 'records.read')) throw forbidden();
      if (declared.capability && !can(actor, declared.capability)) throw forbidden();
    }
    const app = request.server;
    request.ctx = {
      db: app.db, cipher: app.cipher, keys: app.keys, actor, scope: accessScope(actor), ip: request.ip,
      flushNotifications: () => app.flushNotifications(),
    };
  });
}
