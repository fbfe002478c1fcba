import { defineFeature } from '../feature.ts';
import { memberAuthRoutes } from './member-auth.routes.ts';

export const memberAuthFeature = defineFeature({ name: 'member-auth', routes: [memberAuthRoutes] });
