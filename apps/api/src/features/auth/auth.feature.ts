import { defineFeature } from '../feature.ts';
import { authRoutes } from './auth.routes.ts';
import { pruneLockouts } from './login-throttle.repo.ts';
import { pruneSessions } from './sessions.repo.ts';

/** Sign-in, sessions and the lockout; a job drops sessions past their end and sign-in counters quiet for a day. */
export const authFeature = defineFeature({
  name: 'auth',
  routes: [authRoutes],
  jobs: [
    {
      name: 'auth-housekeeping',
      everyMs: 10 * 60_000,
      run: async (app, now) => {
        const sessions = await pruneSessions(app.db, app.config.sessionIdleMs);
        const counters = await pruneLockouts(app.db, now.getTime());
        return sessions + counters > 0 ? { sessions, counters } : undefined;
      },
    },
  ],
});
