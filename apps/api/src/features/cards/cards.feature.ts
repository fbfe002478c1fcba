import { defineFeature } from '../feature.ts';
import { cardRoutes } from './cards.routes.ts';

export const cardsFeature = defineFeature({ name: 'cards', routes: [cardRoutes] });
