import { defineFeature } from '../feature.ts';
import { auditExportRoutes } from './audit.export.ts';
import { auditRoutes } from './audit.routes.ts';

export const auditFeature = defineFeature({ name: 'audit', routes: [auditRoutes, auditExportRoutes] });
