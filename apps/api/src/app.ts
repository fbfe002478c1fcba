import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Database, DatabaseHandle } from '@lianxin/db';
import { access, registerRouteAccess } from './access/route-access.ts';
import type { AppConfig } from './config.ts';
import type { FeatureModule } from './features/feature.ts';
import { features } from './features/index.ts';
import { IMPORT_MAX_MB } from './features/members/members.import.routes.ts';
import type { SmsTransport } from './features/notifications/outbox.ts';
import { registerCompression } from './plugins/compression.ts';
import { registerNotifications, smsTransportFromEnv } from './plugins/notifications.ts';
import { registerErrorHandler } from './plugins/error-handler.ts';
import { registerInputRules } from './plugins/input-rules.ts';
import { registerSecurityHeaders } from './plugins/security-headers.ts';
import { registerSession } from './plugins/session.ts';
import { noteWrite } from './lib/recent-reads.ts';
import { registerWeb } from './plugins/web.ts';
import { deriveKeys, type AppKeys } from './security/keys.ts';
import { loggerOptions, type LogDestination } from './security/log-redaction.ts';
import type { PiiCipher } from './security/pii-cipher.ts';

declare module 'fastify' {
  interface FastifyInstance {
    db: Database;
    dbHandle: DatabaseHandle;
    cipher: PiiCipher;
    keys: AppKeys;
    config: AppConfig;
    /** the feature registry the app was built from (the workbench asks each feature for its items) */
    features: readonly FeatureModule[];
  }
  interface FastifyRequest {
    /** the request passed access and validation and got to its route's handler (a write it made moves the epoch) */
    reachedHandler: boolean;
  }
}

// A missing field reads "必填项 / Required" rather than zod's "expected string, received undefined".
z.config({ customError: (issue) => (issue.code === 'invalid_type' && issue.input === undefined ? 'required' : undefined) });

export interface BuildOptions {
  handle: DatabaseHandle;
  config: AppConfig;
  piiKey: Buffer;
  /** log at this level (personal data redacted, security/log-redaction.ts) to stdout or the given destination */
  logger?: false | { level: string; destination?: LogDestination };
  /** where SMS go; default from config (server log, or a file) */
  smsTransport?: SmsTransport;
}

/** Builds the app without listening, so tests can inject requests. */
export async function buildApp(options: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ? loggerOptions(options.logger.level, options.logger.destination) : false,
    // only proxies named in TRUST_PROXY may set the client address; by default X-Forwarded-For is ignored
    trustProxy: options.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.decorate('db', options.handle.db);
  app.decorate('dbHandle', options.handle);
  const keys = deriveKeys(options.piiKey);
  app.decorate('keys', keys);
  app.decorate('cipher', keys.cipher);
  app.decorate('config', options.config);
  app.decorate('features', features);

  // first, so that every answer — refusals by the later hooks included — carries the headers
  registerSecurityHeaders(app, { secure: options.config.secureCookies });
  await registerCompression(app);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false, hook: 'preHandler' });
  await app.register(fastifyMultipart, { limits: { fileSize: IMPORT_MAX_MB * 1024 * 1024 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Lianxin 连心 API', version: '0.1.0', description: 'Union reform work platform' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'lianxin_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  registerErrorHandler(app);
  registerInputRules(app);
  registerSession(app);
  registerNotifications(app, options.smsTransport ?? smsTransportFromEnv(app, options.config.smsTransport));

  registerRouteAccess(app);
  // a write request whose handler ran (answered or failed) may have changed what shared hot reads answered: none is
  // served again (lib/recent-reads.ts). onSend runs after the handler's transaction committed and before the client
  // can ask again. One refused before its handler (no route, no session or CSRF token, access, validation) wrote
  // nothing: counting it let any anonymous POST make every cockpit reader read again.
  app.decorateRequest('reachedHandler', false);
  app.addHook('preHandler', async (request) => {
    request.reachedHandler = request.routeOptions.url !== undefined;
  });
  app.addHook('onSend', async (request) => {
    if (request.reachedHandler && request.method !== 'GET' && request.method !== 'HEAD' && request.method !== 'OPTIONS') noteWrite(app.db);
  });

  for (const feature of features) for (const routes of feature.routes ?? []) await app.register(routes);
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: access.public } }, async () => app.swagger());

  if (options.config.webDist) await registerWeb(app, options.config.webDist);
  return app;
}
