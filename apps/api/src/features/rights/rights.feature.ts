import { defineFeature } from '../feature.ts';
import { bargainingRoutes } from './bargaining.routes.ts';
import { rightsRoutes } from './rights.routes.ts';

/** 机制三 rights: dispute cases, early warnings, collective bargaining (docs/ARCHITECTURE.md, "Rights"). */
export const rightsFeature = defineFeature({ name: 'rights', routes: [rightsRoutes, bargainingRoutes] });
