import { defineFeature } from '../feature.ts';
import { enterpriseRoutes } from './enterprises.routes.ts';

export const enterprisesFeature = defineFeature({ name: 'enterprises', routes: [enterpriseRoutes] });
