import { defineFeature } from '../feature.ts';

/** The outbox is delivered right after each write that fills it; this job retries what a failed delivery left. */
export const notificationsFeature = defineFeature({
  name: 'notifications',
  jobs: [{ name: 'deliver-outbox', everyMs: 5_000, run: (app) => app.flushNotifications() }],
});
