import { defineFeature } from '../feature.ts';
import { fundsRoutes } from './funds.routes.ts';

/** Union funds (issue 13): assessment, collection, the split, the custody ledger, 依法催缴. */
export const fundsFeature = defineFeature({ name: 'funds', routes: [fundsRoutes] });
