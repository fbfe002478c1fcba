import { defineFeature } from '../feature.ts';
import { evaluationRoutes } from './evaluation.routes.ts';

export const evaluationFeature = defineFeature({ name: 'evaluation', routes: [evaluationRoutes] });
