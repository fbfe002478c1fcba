import { defineFeature } from '../feature.ts';
import { congressRoutes } from './congress.routes.ts';
import { congressDemo } from './congress.demo.ts';

export const congressFeature = defineFeature({ name: 'congress', routes: [congressRoutes], demo: congressDemo });
