import { defineFeature } from '../feature.ts';
import { seedDemoFunds } from './demo-funds.ts';
import { fundsRoutes } from './funds.routes.ts';
import { fundsSpendingRoutes } from './funds.spending-routes.ts';

/**
 * Union funds (issue 13): assessment, collection, the split, the custody ledger, 依法催缴, budgets with spending,
 * the 两非一无 subsidy runs and 经费公开 to members.
 * Demo: 顾村's last three months of assessments and receipts, one return run, a debtor in dunning; budgets of 顾村,
 * 南京东路 and the demo member's union with spending; 顾村's subsidies paid up to last month.
 */
export const fundsFeature = defineFeature({ name: 'funds', routes: [fundsRoutes, fundsSpendingRoutes], demo: (app) => seedDemoFunds(app) });
