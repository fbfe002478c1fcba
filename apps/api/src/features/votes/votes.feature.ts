import { defineFeature } from '../feature.ts';
import { votesRoutes } from './votes.routes.ts';

export const votesFeature = defineFeature({ name: 'votes', routes: [votesRoutes] });
