import { defineFeature } from '../feature.ts';
import { bargainingRoutes } from './bargaining.routes.ts';
import { seedDemoRights } from './demo-rights.ts';
import { rightsRoutes } from './rights.routes.ts';
import { rightsWorkbench } from './rights.workbench.ts';
import { foldContractCoverage } from './summary.service.ts';

/**
 * 机制三 rights: dispute cases, early warnings, collective bargaining (docs/ARCHITECTURE.md, "Rights").
 * Job: fold the contract-coverage days already past (once a day, a no-op otherwise).
 * Demo: 顾村's 2017 cases and this year's work (small bulk inserts).
 */
export const rightsFeature = defineFeature({
  name: 'rights',
  routes: [rightsRoutes, bargainingRoutes],
  jobs: [{
    name: 'rights-coverage-fold',
    everyMs: 60_000,
    run: async (app, now) => {
      const folded = await foldContractCoverage(app.db, now);
      return folded > 0 ? { folded } : undefined;
    },
  }],
  demo: (app) => seedDemoRights(app.db),
  workbench: rightsWorkbench,
});
