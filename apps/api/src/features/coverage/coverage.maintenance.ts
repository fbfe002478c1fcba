/**
 * Housekeeping of the coverage figures, the coverage feature's job (every minute):
 * - fold pending deltas into org_figures (keeps cockpit reads to a few rows per unit);
 * - once a day, re-evaluate the target rule (an enterprise turns one year open without any write);
 * - take the month-end snapshot of the month just ended when it is missing (the trend lines).
 */
import { sql } from 'drizzle-orm';
import type { Database } from '@lianxin/db';
import { previousMonth, shanghaiDate } from '@lianxin/contracts';
import { compactFigures, hasSnapshot, refreshTargetFlags, takeSnapshot, targetsEvaluatedOn } from './coverage.repo.ts';

export interface MaintenanceResult {
  folded: number;
  retargeted: number | null;
  snapshot: string | null;
}

export async function maintainCoverage(db: Database, now = new Date()): Promise<MaintenanceResult> {
  const today = shanghaiDate(now);
  let retargeted: number | null = null;
  if ((await targetsEvaluatedOn(db)) !== today) retargeted = await refreshTargetFlags(db, today);
  const folded = await compactFigures(db);
  // the embedded database has no autovacuum: clear the folded rows so reads do not step over them
  if (folded > 0) await db.execute(sql`vacuum org_figure_deltas`);
  const lastMonth = previousMonth(today.slice(0, 7));
  const snapshot = !(await hasSnapshot(db, lastMonth)) && (await takeSnapshot(db, lastMonth)) ? lastMonth : null;
  return { folded, retargeted, snapshot };
}
