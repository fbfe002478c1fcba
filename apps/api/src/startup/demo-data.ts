import type { FastifyInstance } from 'fastify';
import type { DatabaseHandle } from '@lianxin/db';
import { seedDatabase } from '@lianxin/db/seed';
import { sql } from 'drizzle-orm';
import type { FeatureModule } from '../features/feature.ts';
import { compactFigures } from '../features/coverage/coverage.repo.ts';
import { DEMO_MEMBER_PHONE } from '../features/members/demo-members.ts';

/**
 * The demo data of an empty embedded database: the generated union tree, enterprises and logins, then each
 * feature's demo data in the registry's order, through the app's keys and writers. Returns the text of
 * demo-logins.txt. Used by the server's first start and by the pre-built demo image (startup/demo-image.ts).
 */
export async function seedDemo(handle: DatabaseHandle, app: FastifyInstance, features: readonly FeatureModule[], demoPassword: string) {
  const result = await seedDatabase(handle, { scale: 'demo', demoPassword });
  for (const feature of features) await feature.demo?.(app);
  // the figures the demo's writes appended, folded as the server's maintenance job would a minute after start
  await compactFigures(app.db);
  await app.db.execute(sql`vacuum org_figure_deltas`);
  const lines = [
    `Demo logins (password: ${demoPassword}):`,
    ...result.logins.map((l) => `  ${l.username.padEnd(22)} ${l.role.padEnd(17)} ${l.orgName}`),
    `Member site /m/login: phone ${DEMO_MEMBER_PHONE}; the one-time code appears in this server's log.`,
  ];
  return { logins: lines.join('\n') + '\n', counts: result.counts };
}
