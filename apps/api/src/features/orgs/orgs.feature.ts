import { defineFeature } from '../feature.ts';
import { grantRoutes } from './grants.routes.ts';
import { orgRoutes } from './orgs.routes.ts';

export const orgsFeature = defineFeature({ name: 'orgs', routes: [orgRoutes, grantRoutes] });
