import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { inject } from 'vitest';
import { openDatabase, type DatabaseHandle } from '@lianxin/db';
import { buildApp } from '../../src/app.ts';
import { loadConfig, type AppConfig } from '../../src/config.ts';
import { MemorySmsTransport, type SmsTransport } from '../../src/features/notifications/outbox.ts';
import type { LogDestination } from '../../src/security/log-redaction.ts';
import { TEST_PASSWORD } from './constants.ts';
import { databaseUrlFor } from './global-setup.ts';

export { TEST_PASSWORD };

/** A private copy of the demo-seeded template database for one test file. */
async function openTestDatabase(): Promise<{ handle: DatabaseHandle; drop: () => Promise<void> }> {
  const template = inject('pgTemplate');
  const url = process.env.TEST_DATABASE_URL;
  if (template && url) {
    const name = `lianxin_t_${process.pid}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    // concurrent copies of one template can collide ("being accessed by other users"): retry briefly
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        break;
      } catch (error) {
        if (attempt > 20) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    const handle = await openDatabase({ url: databaseUrlFor(url, name), poolSize: 5 });
    return {
      handle,
      drop: async () => {
        await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const file = inject('pgliteTemplate');
  if (!file) throw new Error('no test database template (global setup did not run)');
  const handle = await openDatabase({ loadDataDir: new Blob([readFileSync(file)]) });
  return { handle, drop: async () => {} };
}

export interface TestApp {
  app: FastifyInstance;
  handle: DatabaseHandle;
  /** SMS the app sent (delivered by the outbox) */
  sms: MemorySmsTransport;
  config: AppConfig;
  /** the master key the app derived its keys from (a second app on the same database needs it) */
  piiKey: Buffer;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** log at this level into the destination (default: no logger) */
  log?: { level: string; destination: LogDestination };
  /** where SMS go instead of the memory transport (`sms` stays empty then); 'server-log' = the app's log */
  smsTransport?: SmsTransport | 'server-log';
  /** extra routes for one test file, registered before the app is ready */
  extraRoutes?: (app: FastifyInstance) => void;
}

export async function startTestApp(overrides: Partial<AppConfig> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const { handle, drop } = await openTestDatabase();
  const config: AppConfig = { ...loadConfig({}), webDist: null, applicationRateLimit: 1000, smsCodesPerAddressPerHour: 1000, ...overrides };
  const sms = new MemorySmsTransport();
  const piiKey = randomBytes(32);
  const transport = options.smsTransport ?? sms;
  const app = await buildApp({
    handle, config, piiKey, ...(transport === 'server-log' ? {} : { smsTransport: transport }), ...(options.log ? { logger: options.log } : {}),
  });
  options.extraRoutes?.(app);
  await app.ready();
  return {
    app,
    handle,
    sms,
    config,
    piiKey,
    async close() {
      await app.close();
      await handle.close();
      await drop();
    },
  };
}

export interface Session {
  cookie: string;
  csrfToken: string;
  userId: number;
  orgId: number;
}

export async function signIn(app: FastifyInstance, username: string, password = TEST_PASSWORD): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'lianxin_session');
  if (!cookie) throw new Error('no session cookie');
  const body = response.json<{ csrfToken: string; user: { id: number; org: { id: number } } }>();
  return { cookie: `lianxin_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id, orgId: body.user.org.id };
}

/** A member signed in on the H5 with the one-time code the test app's memory SMS transport received. */
export async function signInMember(t: Pick<TestApp, 'app' | 'sms'>, phone: string): Promise<Session> {
  await t.app.inject({ method: 'POST', url: '/api/member-auth/code', payload: { phone } });
  await t.app.flushNotifications();
  const code = t.sms.sent.filter((m) => m.phone === phone && m.template === 'otp').at(-1)?.params.code;
  const response = await t.app.inject({ method: 'POST', url: '/api/member-auth/login', payload: { phone, code } });
  if (response.statusCode !== 200) throw new Error(`member sign-in: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'lianxin_session')!;
  const body = response.json<{ csrfToken: string; user: { id: number; org: { id: number } } }>();
  return { cookie: `lianxin_session=${cookie.value}`, csrfToken: body.csrfToken, userId: body.user.id, orgId: body.user.org.id };
}

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

/** Sends a request as a signed-in user, with the CSRF header on writes. */
export function request(
  app: FastifyInstance,
  session: Session | null,
  method: Method,
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const options: InjectOptions = {
    method,
    url,
    headers: {
      ...(session ? { cookie: session.cookie } : {}),
      ...(session && method !== 'GET' ? { 'x-csrf-token': session.csrfToken } : {}),
      ...headers,
    },
    ...(payload !== undefined ? { payload: payload as InjectOptions['payload'] } : {}),
  };
  return app.inject(options);
}

/**
 * The phone's application code, as the H5 gets it: POST /api/applications/code, then the SMS. When the test app's
 * SMS go elsewhere (a log transport) or the number asked too recently, a known code is stored for the phone
 * instead, the way the service stores one.
 */
export async function applicationCode(t: TestApp, phone: string): Promise<string> {
  const asked = await t.app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone } });
  if (asked.statusCode === 202) {
    await t.app.flushNotifications();
    const sent = t.sms.sent.filter((m) => m.phone === phone && m.template === 'application_code').at(-1)?.params.code;
    if (sent) return sent;
  }
  const code = '246810';
  const phoneHash = t.app.keys.blindIndex(phone);
  await t.handle.query(
    `insert into otp_codes (phone_hash, purpose, code_hash, expires_at) values ($1, 'application', $2, now() + interval '5 minutes')`,
    [phoneHash, t.app.keys.otpHash(phoneHash, code)],
  );
  return code;
}

/** Submits a public application the way the H5 does: the phone's code first, then the form with `phoneCode`. */
export async function applyOnline(
  t: TestApp,
  body: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const phoneCode = body.phoneCode ?? (typeof body.phone === 'string' ? await applicationCode(t, body.phone) : '000000');
  return t.app.inject({ method: 'POST', url: '/api/applications', payload: { ...body, phoneCode }, headers });
}

/**
 * A gig worker who joined online (`applicant`: name, ID number, phone, region), whose application `approver` (staff
 * of that region) approved, signed in on the H5. Throws with the response when a step is refused.
 */
export async function joinedMember(
  t: TestApp,
  approver: Session,
  applicant: { name: string; idNumber: string; phone: string; regionCode: string },
): Promise<Session> {
  const checked = (r: LightMyRequestResponse, step: string) => {
    if (r.statusCode >= 300) throw new Error(`${step}: ${r.statusCode} ${r.body}`);
    return r;
  };
  const { reference } = checked(await applyOnline(t, { ...applicant, occupation: 'rider' }), 'apply').json<{ reference: string }>();
  const queue = checked(await request(t.app, approver, 'GET', '/api/applications?status=pending&pageSize=200'), 'queue')
    .json<{ items: { id: number; reference: string }[] }>();
  checked(await request(t.app, approver, 'POST', `/api/applications/${queue.items.find((i) => i.reference === reference)!.id}/approve`), 'approve');
  return signInMember(t, applicant.phone);
}
