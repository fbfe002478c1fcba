import type { FastifyInstance } from 'fastify';
import type { FeatureModule } from './features/feature.ts';
import { noteWrite } from './lib/recent-reads.ts';

/**
 * Runs every feature's jobs: each once at start and then every `everyMs`, one run of a job at a time (a slow
 * run is not stacked up behind itself). Returns a stop function that waits for runs in progress.
 */
export function startJobs(app: FastifyInstance, features: readonly FeatureModule[]): () => Promise<void> {
  const timers: NodeJS.Timeout[] = [];
  const running = new Set<Promise<void>>();
  for (const feature of features) {
    for (const job of feature.jobs ?? []) {
      let busy = false;
      const tick = () => {
        if (busy) return;
        busy = true;
        const run = job
          .run(app, new Date())
          .then((result) => {
            if (result !== undefined) app.log.info({ job: job.name, result }, 'job ran');
          })
          .catch((error: unknown) => app.log.error({ err: error, job: job.name }, 'job failed'))
          .finally(() => {
            // whatever the job wrote, shared hot reads read again (lib/recent-reads.ts)
            noteWrite(app.db);
            busy = false;
            running.delete(run);
          });
        running.add(run);
      };
      tick();
      const timer = setInterval(tick, job.everyMs);
      timer.unref();
      timers.push(timer);
    }
  }
  return async () => {
    for (const timer of timers) clearInterval(timer);
    await Promise.all(running);
  };
}
