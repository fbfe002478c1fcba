import { defineFeature } from '../feature.ts';
import { bargainingRoutes } from './bargaining.routes.ts';
import { seedDemoRights } from './demo-rights.ts';
import { rightsRoutes } from './rights.routes.ts';
import { rightsWorkbench } from './rights.workbench.ts';

/**
 * 机制三 rights: dispute cases, early warnings, collective bargaining (docs/ARCHITECTURE.md, "Rights").
 * Demo: 顾村's 2017 cases and this year's work (small bulk inserts).
 */
export const rightsFeature = defineFeature({
  name: 'rights',
  routes: [rightsRoutes, bargainingRoutes],
  demo: (app) => seedDemoRights(app.db),
  workbench: rightsWorkbench,
});
