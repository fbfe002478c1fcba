import { defineFeature } from '../feature.ts';
import { workbenchRoutes } from './workbench.routes.ts';

export const workbenchFeature = defineFeature({ name: 'workbench', routes: [workbenchRoutes] });
