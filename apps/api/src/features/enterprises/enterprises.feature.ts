import { defineFeature } from '../feature.ts';
import { enterpriseExportRoutes } from './enterprises.export.ts';
import { enterpriseRoutes } from './enterprises.routes.ts';

export const enterprisesFeature = defineFeature({ name: 'enterprises', routes: [enterpriseRoutes, enterpriseExportRoutes] });
