import { isIP } from 'node:net';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

export interface AppConfig {
  /** PostgreSQL URL; unset = embedded PGlite under dataDir */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Secure cookies need HTTPS; on for production behind TLS (also sends HSTS) */
  secureCookies: boolean;
  /**
   * Which proxies may tell us the client's address in X-Forwarded-For (Fastify `trustProxy`): false = none (the
   * socket's peer is the client), or their addresses / CIDRs / proxy-addr presets. Never `true`, never a hop count.
   */
  trustProxy: TrustProxy;
  /** password attempts per address and account name */
  loginRateLimit: { max: number; windowMs: number };
  /** password attempts a minute per address whatever the names (trying many names with few passwords each) */
  loginAddressRateLimit: number;
  /** password sign-in lockout per account name (等保: lock after repeated failures) */
  loginLockout: LockoutPolicy;
  /** a session unused this long is over (the absolute 12 h cap stays) */
  sessionIdleMs: number;
  /** public applications a minute from one address */
  applicationRateLimit: number;
  /**
   * one-time SMS codes an hour from one address, whatever the numbers (joining, member sign-in, guest requests
   * together): one address cannot send codes to thousands of phones (SMS bombing, the operator's bill)
   */
  smsCodesPerAddressPerHour: number;
  /** SMS transport: unset = server log; file:/path = JSON lines */
  smsTransport: string | undefined;
  /** PUBLIC_ORIGIN, e.g. https://lianxin.example.cn: put before the H5 paths SMS links carry; '' = the path alone */
  publicOrigin: string;
  /** base64 AES-256 key for personal data; unset = key file under dataDir (embedded database only) */
  piiKey: string | undefined;
  /** built web bundle served at / and /m/; null = API only */
  webDist: string | null;
  logLevel: string;
}

export type TrustProxy = false | string[];

export interface LockoutPolicy {
  /** failures within the window that lock the account name */
  maxFailures: number;
  windowMs: number;
  /** the first lock; each further lock in a row lasts twice as long, up to maxLockMs */
  lockMs: number;
  maxLockMs: number;
}

const proxyPresets = new Set(['loopback', 'linklocal', 'uniquelocal']);

function validProxyEntry(entry: string): boolean {
  if (proxyPresets.has(entry)) return true;
  const [address = '', range, extra] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (range === undefined) return true;
  if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIP(range) === 4; // 10.0.0.0/255.0.0.0
}

/**
 * TRUST_PROXY: unset, empty or `false` trusts no proxy (X-Forwarded-For is ignored; the socket's peer is the
 * client); otherwise a comma-separated list of the reverse proxies' addresses, CIDRs (`10.0.0.0/8`) or the presets
 * `loopback`, `linklocal`, `uniquelocal`. The client address is then the nearest X-Forwarded-For entry not a
 * trusted proxy. Refused: `true` (any client could choose its address) and hop counts (they cannot tell the
 * proxy from a client reaching the server directly; Fastify 5 trusts nothing for them).
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const setting = value?.trim() ?? '';
  if (setting === '' || setting === 'false') return false;
  if (setting === 'true' || setting === '*' || /^\d+$/.test(setting)) {
    throw new Error(
      `TRUST_PROXY=${setting} would let a client choose its own address with X-Forwarded-For: name the reverse proxies' addresses or CIDRs (e.g. TRUST_PROXY=10.0.0.5 or 10.0.0.0/24, or loopback)`,
    );
  }
  const entries = setting.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !validProxyEntry(e));
  if (bad.length > 0) throw new Error(`TRUST_PROXY: not an address, CIDR or preset: ${bad.join(', ')}`);
  return entries;
}

/** PUBLIC_ORIGIN: unset or empty = none; else an http(s) origin (scheme and host, no path), trailing slash dropped. */
export function parsePublicOrigin(value: string | undefined): string {
  const setting = value?.trim() ?? '';
  if (setting === '') return '';
  let url: URL;
  try {
    url = new URL(setting);
  } catch {
    throw new Error(`PUBLIC_ORIGIN must be an origin such as https://lianxin.example.cn, not "${setting}"`);
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.pathname !== '/' || url.search || url.hash || url.username) {
    throw new Error(`PUBLIC_ORIGIN must be an origin such as https://lianxin.example.cn, not "${setting}"`);
  }
  return url.origin;
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const dataDir = env.LIANXIN_DATA_DIR ?? join(repoRoot, 'data');
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '0.0.0.0',
    secureCookies: env.SECURE_COOKIES === 'true',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    loginRateLimit: { max: Number(env.LOGIN_RATE_LIMIT_MAX ?? 10), windowMs: 60_000 },
    loginAddressRateLimit: positive(env, 'LOGIN_RATE_LIMIT_PER_ADDRESS', 30),
    loginLockout: {
      maxFailures: positive(env, 'LOGIN_LOCKOUT_FAILURES', 5),
      windowMs: positive(env, 'LOGIN_LOCKOUT_WINDOW_MINUTES', 15) * 60_000,
      lockMs: positive(env, 'LOGIN_LOCKOUT_MINUTES', 15) * 60_000,
      maxLockMs: 24 * 60 * 60_000,
    },
    sessionIdleMs: positive(env, 'SESSION_IDLE_MINUTES', 30) * 60_000,
    applicationRateLimit: Number(env.APPLICATION_RATE_LIMIT ?? 20),
    smsCodesPerAddressPerHour: positive(env, 'SMS_CODES_PER_ADDRESS_PER_HOUR', 20),
    smsTransport: env.SMS_TRANSPORT || undefined,
    publicOrigin: parsePublicOrigin(env.PUBLIC_ORIGIN),
    piiKey: env.LIANXIN_PII_KEY || undefined,
    webDist: join(repoRoot, 'apps/web/dist'),
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
