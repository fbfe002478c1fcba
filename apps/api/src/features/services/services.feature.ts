import { defineFeature } from '../feature.ts';
import { seedDemoServices } from './demo-services.ts';
import { runRequestJobs } from './requests.jobs.ts';
import { requestsWorkbench } from './requests.workbench.ts';
import { servicesRoutes } from './services.routes.ts';

/**
 * 机制二: service positions, the working-day calendar and service requests. Job: escalation of overdue requests,
 * 未评价 closing and reminders (every minute, idempotent, on the Shanghai day). Demo: positions across the
 * districts and a few requests in 顾村.
 */
export const servicesFeature = defineFeature({
  name: 'services',
  routes: [servicesRoutes],
  jobs: [{
    name: 'service-requests',
    everyMs: 60_000,
    run: async (app, now) => {
      const result = await runRequestJobs(app.db, now);
      return result.escalated + result.unrated + result.reminded > 0 ? result : undefined;
    },
  }],
  demo: (app) => seedDemoServices(app),
  workbench: requestsWorkbench,
});
