import { defineFeature } from '../feature.ts';
import { applicationRoutes } from './applications.routes.ts';

export const applicationsFeature = defineFeature({ name: 'applications', routes: [applicationRoutes] });
