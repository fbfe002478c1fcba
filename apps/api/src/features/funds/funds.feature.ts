import { defineFeature } from '../feature.ts';
import { seedDemoFunds } from './demo-funds.ts';
import { fundsRoutes } from './funds.routes.ts';

/**
 * Union funds (issue 13): assessment, collection, the split, the custody ledger, 依法催缴.
 * Demo: 顾村's last three months of assessments and receipts, one return run, a debtor in dunning.
 */
export const fundsFeature = defineFeature({ name: 'funds', routes: [fundsRoutes], demo: (app) => seedDemoFunds(app) });
