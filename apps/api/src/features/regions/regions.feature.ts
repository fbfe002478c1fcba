import { defineFeature } from '../feature.ts';
import { regionRoutes } from './regions.routes.ts';

export const regionsFeature = defineFeature({ name: 'regions', routes: [regionRoutes] });
