import { defineFeature } from '../feature.ts';
import { campaignRoutes } from './campaign.routes.ts';

export const campaignFeature = defineFeature({ name: 'campaign', routes: [campaignRoutes] });
