import { defineFeature } from '../feature.ts';
import { seedDemoMembers } from './demo-members.ts';
import { memberImportRoutes } from './members.import.routes.ts';
import { memberRoutes } from './members.routes.ts';
import { membersWorkbench } from './members.workbench.ts';

/** Members, transfers (组织关系转接), roster import and export; demo: every covered enterprise's members at its street's rate (顾村 86 %). */
export const membersFeature = defineFeature({
  name: 'members',
  routes: [memberRoutes, memberImportRoutes],
  workbench: membersWorkbench,
  demo: async (app) => {
    await seedDemoMembers(app.db, app.keys);
  },
});
