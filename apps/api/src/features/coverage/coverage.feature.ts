import { defineFeature } from '../feature.ts';
import { compactFigures } from './coverage.repo.ts';
import { maintainCoverage } from './coverage.maintenance.ts';
import { coverageRoutes } from './coverage.routes.ts';
import { seedDemoCoverage } from './demo-coverage.ts';

/**
 * The coverage cockpit. Job: fold figure deltas, re-evaluate target flags daily, take month-end snapshots.
 * Demo: targets, a made-up year of snapshots and 顾村's campaign under way (after the members' demo rows).
 */
export const coverageFeature = defineFeature({
  name: 'coverage',
  routes: [coverageRoutes],
  jobs: [{
    name: 'coverage-maintenance',
    everyMs: 60_000,
    run: async (app, now) => {
      const result = await maintainCoverage(app.db, now);
      return result.retargeted !== null || result.snapshot !== null ? result : undefined;
    },
  }],
  demo: async (app) => {
    await compactFigures(app.db);
    await seedDemoCoverage(app.db);
  },
});
