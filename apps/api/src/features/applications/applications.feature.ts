import { defineFeature } from '../feature.ts';
import { applicationExportRoutes } from './applications.export.ts';
import { applicationRoutes } from './applications.routes.ts';
import { applicationsWorkbench } from './applications.workbench.ts';

export const applicationsFeature = defineFeature({
  name: 'applications', routes: [applicationRoutes, applicationExportRoutes], workbench: applicationsWorkbench,
});
