/**
 * npm run seed -- --scale demo|district|city [--reset]
 *
 * Seeds DATABASE_URL if set, otherwise the embedded PGlite database in ./data/pglite (repository root; like the
 * API server, LIANXIN_DATA_DIR replaces ./data).
 * Refuses a database that already holds organisations unless --reset is given, which empties the seeded
 * tables (and, by CASCADE, the tables that reference them). audit_log is append-only and is left alone.
 * Password of every demo account: DEMO_PASSWORD, or a random one printed at the end.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrateDatabase, openDatabase } from '../client.ts';
import { seedDatabase, seedScales, type SeedScale } from './index.ts';

const usage = 'usage: npm run seed -- --scale demo|district|city [--reset]';

function parseArgs(argv: readonly string[]): { scale: SeedScale; reset: boolean } {
  let scale: string = 'demo';
  let reset = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--reset') reset = true;
    else if (arg === '--scale') scale = argv[++i] ?? '';
    else if (arg.startsWith('--scale=')) scale = arg.slice('--scale='.length);
    else if (arg === '--help' || arg === '-h') {
      console.log(usage);
      process.exit(0);
    } else throw new Error(`unknown argument ${arg}\n${usage}`);
  }
  if (!(seedScales as readonly string[]).includes(scale)) throw new Error(`unknown scale "${scale}"\n${usage}`);
  return { scale: scale as SeedScale, reset };
}

const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));

async function main(): Promise<void> {
  const { scale, reset } = parseArgs(process.argv.slice(2));
  const url = process.env.DATABASE_URL || undefined;
  const dataDir = url ? undefined : join(process.env.LIANXIN_DATA_DIR || join(repoRoot, 'data'), 'pglite');
  console.log(`Target: ${url ? url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@') : `PGlite in ${dataDir}`}`);

  const handle = await openDatabase({ url, dataDir });
  try {
    await migrateDatabase(handle);
    const [row] = await handle.query<{ n: number }>('SELECT count(*)::int AS n FROM orgs');
    if ((row?.n ?? 0) > 0) {
      if (!reset) {
        console.error(`The database already holds ${row?.n} organisations; run again with --reset to replace them.`);
        process.exitCode = 2;
        return;
      }
      console.log('--reset: emptying orgs, enterprises, org_coverage, org_moves, users, sessions (audit_log is kept)…');
      await handle.query('TRUNCATE orgs, enterprises, org_coverage, org_moves, users, sessions RESTART IDENTITY CASCADE');
    }

    const demoPassword = process.env.DEMO_PASSWORD || randomBytes(9).toString('base64url');
    console.log(`Seeding scale "${scale}"…`);
    const started = performance.now();
    const result = await seedDatabase(handle, {
      scale,
      demoPassword,
      onProgress: (msg) => {
        if (!msg.startsWith('generated ') && !/^enterprises: \d+\/\d+$/.test(msg)) console.log(`  ${msg}`);
      },
    });
    const seconds = (performance.now() - started) / 1000;
    const { orgs, enterprises, users, coverage } = result.counts;
    const rows = orgs + enterprises + users + coverage;
    console.log(
      `\nSeeded ${orgs} unions, ${enterprises} enterprises, ${coverage} coverage rows and ${users} users in ${seconds.toFixed(1)} s` +
        ` (${Math.round(rows / seconds)} rows/s, ${Math.round(enterprises / seconds)} enterprises/s; generation and password hashing included).`,
    );
    console.log(`\nDemo logins (password: ${demoPassword}):`);
    for (const l of result.logins) console.log(`  ${l.username.padEnd(20)} ${l.role.padEnd(17)} ${l.orgName}`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
