import { defineFeature } from '../feature.ts';
import { campaignRoutes } from './campaign.routes.ts';
import { campaignWorkbench } from './campaign.workbench.ts';

export const campaignFeature = defineFeature({ name: 'campaign', routes: [campaignRoutes], workbench: campaignWorkbench });
