import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface AppConfig {
  /** PostgreSQL URL; unset = embedded PGlite under dataDir */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Secure cookies need HTTPS; on for production behind TLS */
  secureCookies: boolean;
  loginRateLimit: { max: number; windowMs: number };
  /** public applications a minute from one address */
  applicationRateLimit: number;
  /** SMS transport: unset = server log; file:/path = JSON lines */
  smsTransport: string | undefined;
  /** base64 AES-256 key for personal data; unset = key file under dataDir */
  piiKey: string | undefined;
  /** built web bundle served at / and /m/; null = API only */
  webDist: string | null;
  logLevel: string;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = env.LIANXIN_DATA_DIR ?? join(repoRoot, 'data');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    secureCookies: env.SECURE_COOKIES === 'true',
    loginRateLimit: { max: Number(env.LOGIN_RATE_LIMIT_MAX ?? 10), windowMs: 60_000 },
    applicationRateLimit: Number(env.APPLICATION_RATE_LIMIT ?? 20),
    smsTransport: env.SMS_TRANSPORT || undefined,
    piiKey: env.LIANXIN_PII_KEY || undefined,
    webDist: join(repoRoot, 'apps/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
