/**
 * Housekeeping of the coverage figures, run by the server on a timer:
 * - fold pending deltas into org_figures (keeps cockpit reads to a few rows per unit);
 * - once a day, re-evaluate the target rule (an enterprise turns one year open without any write);
 * - take the month-end snapshot of the month just ended when it is missing (the trend lines).
 */
import { sql } from 'drizzle-orm';
import type { FastifyBaseLogger } from 'fastify';
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

/** Runs maintenance now and then every `everyMs`; returns a stop function that waits for a run in progress. */
export function scheduleCoverageMaintenance(db: Database, log: FastifyBaseLogger, everyMs = 60_000): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    running = running.then(async () => {
      try {
        const result = await maintainCoverage(db);
        if (result.retargeted !== null || result.snapshot !== null) log.info(result, 'coverage maintenance');
      } catch (error) {
        log.error({ err: error }, 'coverage maintenance failed');
      }
    });
  };
  run();
  const timer = setInterval(run, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
