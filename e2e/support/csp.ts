import { afterEach, expect } from 'vitest';
import { cspViolations } from './browser.ts';

// Every journey runs under the server's real Content-Security-Policy: nothing may be refused on the way.
afterEach(() => {
  const seen = cspViolations.splice(0);
  expect(seen, 'Content-Security-Policy violations').toEqual([]);
});
