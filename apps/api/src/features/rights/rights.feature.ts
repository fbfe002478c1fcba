import { defineFeature } from '../feature.ts';
import { bargainingRoutes } from './bargaining.routes.ts';
import { linkPartiesBackfill } from './cases.service.ts';
import { seedDemoRights } from './demo-rights.ts';
import { memberRightsRoutes } from './member-rights.routes.ts';
import { rightsRoutes } from './rights.routes.ts';
import { rightsWorkbench } from './rights.workbench.ts';
import { foldContractCoverage } from './summary.service.ts';

/**
 * 机制三 rights: dispute cases, early warnings, collective bargaining (docs/ARCHITECTURE.md, "Rights").
 * Jobs: fold the contract-coverage days already past (once a day, a no-op otherwise); link cases' parties to members
 * by the phone's blind index where a row lacks it (a backfill, then a no-op).
 * Demo: 顾村's 2017 cases and this year's work (small bulk inserts); the demo member's own cases.
 */
export const rightsFeature = defineFeature({
  name: 'rights',
  routes: [rightsRoutes, bargainingRoutes, memberRightsRoutes],
  jobs: [{
    // cases' parties written before the blind index was kept on them: index their phones, link the members
    name: 'rights-party-link',
    everyMs: 60_000,
    run: async (app) => {
      const linked = await linkPartiesBackfill(app.db, app.keys);
      return linked > 0 ? { linked } : undefined;
    },
  }, {
    name: 'rights-coverage-fold',
    everyMs: 60_000,
    run: async (app, now) => {
      const folded = await foldContractCoverage(app.db, now);
      return folded > 0 ? { folded } : undefined;
    },
  }],
  demo: (app) => seedDemoRights(app.db, app.keys),
  workbench: rightsWorkbench,
});
