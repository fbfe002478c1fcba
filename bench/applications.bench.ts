import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import pg from 'pg';
import type { DatabaseHandle } from '@lianxin/db';
import { idNumberCheckChar } from '@lianxin/contracts';
import { buildApp } from '../apps/api/src/app.ts';
import { access } from '../apps/api/src/access/route-access.ts';
import { loadConfig } from '../apps/api/src/config.ts';
import { insertPendingApplication, joiningFacts } from '../apps/api/src/features/applications/applications.service.ts';
import { MemorySmsTransport } from '../apps/api/src/features/notifications/outbox.ts';
import { fmt } from './stats.ts';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
let serial = 0;

/** A fresh valid identity and phone per call (the run's serials never repeat). */
function applicant() {
  serial++;
  // the serial spread over birth date and sequence: 13 million identities before one repeats
  const year = 1960 + (serial % 40);
  const month = String(1 + (Math.floor(serial / 40) % 12)).padStart(2, '0');
  const day = String(1 + (Math.floor(serial / 480) % 28)).padStart(2, '0');
  const body = `310113${year}${month}${day}${String(Math.floor(serial / 13_440) % 1000).padStart(3, '0')}`;
  return { idNumber: body + idNumberCheckChar(body), phone: `13${String(serial).padStart(9, '0')}`, serial };
}

async function load(url: string, options: Partial<autocannon.Options>) {
  const result = await autocannon({ url, connections: 50, duration: DURATION, ...options });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** Statements the pool's clients send while `run` runs (BEGIN and COMMIT count too). */
async function countStatements(run: () => Promise<unknown>): Promise<number> {
  const original = pg.Client.prototype.query;
  let count = 0;
  pg.Client.prototype.query = function counted(this: pg.Client, ...args: unknown[]) {
    count++;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    await run();
  } finally {
    pg.Client.prototype.query = original;
  }
  return count;
}

/**
 * Online joining under autocannon, the code step included: POST /api/applications/code for fresh phones, then
 * POST /api/applications with the codes those phones received. Against, in the same server and run: a bare route
 * doing one indexed lookup, and the submission's SQL alone (its read and its write, values prepared beforehand,
 * no validation, hashing, encryption or routing). Also counts the statements one applicant costs.
 */
export async function benchApplications(handle: DatabaseHandle) {
  const config = { ...loadConfig({}), webDist: null, applicationRateLimit: 10_000_000, smsCodesPerAddressPerHour: 10_000_000 };
  const sms = new MemorySmsTransport();
  const app = await buildApp({ handle, config, piiKey: randomBytes(32), smsTransport: sms });
  const [sample] = await handle.query<{ credit_code: string }>('select credit_code from enterprises limit 1');
  app.get('/bench/indexed-lookup', { config: { access: access.public } }, async () => {
    const rows = await handle.query<{ id: number }>('select id from enterprises where credit_code = $1', [sample?.credit_code]);
    return { id: rows[0]?.id ?? null };
  });
  // the submission's two statements with everything prepared: what the database alone allows
  const ciphertext = app.keys.cipher.encrypt('310113199001011234');
  app.post('/bench/raw-join', { config: { access: access.public } }, async () => {
    const a = applicant();
    const idHash = `raw-${a.serial}-${randomBytes(4).toString('hex')}`;
    const facts = await joiningFacts(app.db, { occupation: 'rider', employerCreditCode: null }, '310113109', idHash, `p-${idHash}`);
    const territorial = facts.territorial?.[0];
    if (!territorial) throw new Error('no territorial union');
    await insertPendingApplication(app.db, {
      reference: `R${String(a.serial).padStart(9, '0')}`.slice(0, 10), name: '压测骑手', idNumberEnc: ciphertext, idNumberHash: idHash,
      phoneEnc: ciphertext, phoneHash: `p-${idHash}`, occupation: 'rider', employerId: null, regionCode: '310113109',
      routedOrgId: territorial.id, routedPath: territorial.path, reasonCode: 'territorial_union', reason: '压测', ip: '127.0.0.1',
    });
    return { ok: true };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  try {
    // one applicant, step by step, counting statements
    const one = applicant();
    const codeStatements = await countStatements(() => app.inject({ method: 'POST', url: '/api/applications/code', payload: { phone: one.phone } }).then(() => app.flushNotifications()));
    const code = sms.sent.find((m) => m.phone === one.phone)?.params.code;
    const body = { name: '压测骑手', idNumber: one.idNumber, phone: one.phone, occupation: 'rider', regionCode: '310113109', phoneCode: code };
    let submitted = 0;
    const submitStatements = await countStatements(async () => {
      submitted = (await app.inject({ method: 'POST', url: '/api/applications', payload: body })).statusCode;
    });
    if (submitted !== 201) throw new Error(`the counted submission answered ${submitted}`);

    await load(`${base}/bench/indexed-lookup`, { duration: 2 }); // warm-up
    const bare = await load(`${base}/bench/indexed-lookup`, {});
    const raw = await load(`${base}/bench/raw-join`, { method: 'POST' });

    // the code step: fresh phones; the SMS (memory transport) hold the codes for the submits
    const phones: { idNumber: string; phone: string }[] = [];
    const codes = await load(`${base}/api/applications/code`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{
        method: 'POST', path: '/api/applications/code',
        setupRequest: (request: autocannon.Request) => {
          const a = applicant();
          phones.push(a);
          return { ...request, body: JSON.stringify({ phone: a.phone }) };
        },
      }],
    });
    await app.flushNotifications();
    const codeOf = new Map(sms.sent.filter((m) => m.template === 'application_code').map((m) => [m.phone, m.params.code]));
    const ready = phones.filter((p) => codeOf.has(p.phone));
    let next = 0;
    const applications = await load(`${base}/api/applications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      requests: [{
        method: 'POST', path: '/api/applications',
        setupRequest: (request: autocannon.Request) => {
          // past the prepared phones, fresh identities reuse their phones: the same work, one more pending application
          const p = ready[next % ready.length]!;
          const idNumber = next < ready.length ? p.idNumber : applicant().idNumber;
          next++;
          return { ...request, body: JSON.stringify({ name: '压测骑手', idNumber, phone: p.phone, occupation: 'rider', regionCode: '310113109', phoneCode: codeOf.get(p.phone) }) };
        },
      }],
    });
    const perApplicant = 1 / (1 / codes.rps + 1 / applications.rps);

    console.log(`\nOnline joining under autocannon (50 connections, ${DURATION} s each, ${handle.kind})`);
    console.log(`  statements per applicant: code ${codeStatements} (incl. SMS delivery), submit ${submitStatements}`);
    console.log(`  bare route, one indexed lookup (baseline)  ${Math.round(bare.rps)} req/s  p50 ${bare.p50} ms  p99 ${bare.p99} ms`);
    console.log(`  the submission's SQL alone (raw baseline)  ${Math.round(raw.rps)} req/s  p50 ${raw.p50} ms  p99 ${raw.p99} ms  non-2xx ${raw.non2xx}`);
    console.log(`  POST /api/applications/code                ${Math.round(codes.rps)} req/s  p50 ${codes.p50} ms  p99 ${codes.p99} ms  non-2xx ${codes.non2xx}`);
    console.log(`  POST /api/applications                     ${Math.round(applications.rps)} req/s  p50 ${applications.p50} ms  p99 ${applications.p99} ms  non-2xx ${applications.non2xx}`);
    console.log(`  applicants/s (code + submit)               ${Math.round(perApplicant)}`);
    console.log(`  ratios: submit / bare ${fmt(applications.rps / bare.rps)}, submit / raw SQL ${fmt(applications.rps / raw.rps)}, applicant / bare ${fmt(perApplicant / bare.rps)}`);
    return { codeStatements, submitStatements, bare, raw, codes, applications, perApplicant };
  } finally {
    await app.close();
  }
}
