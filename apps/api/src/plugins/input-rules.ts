import type { FastifyInstance } from 'fastify';
import { findUnsafeText } from '@lianxin/contracts';
import { AppError } from '../errors.ts';

/**
 * The text rule of contracts/input.ts at the boundary: before any route's schema runs, every string of the path
 * parameters, the query and the JSON body (keys included) is checked; a NUL or a lone surrogate is a 400 naming
 * the field, in the request's language — never a database error. Multipart fields are read by their routes, through
 * their own schemas.
 */
export function registerInputRules(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const parts = [['params', request.params], ['querystring', request.query], ['body', request.body]] as const;
    for (const [part, value] of parts) {
      const found = findUnsafeText(value);
      if (found) throw new AppError('validation_failed', 400, 'error.validation_failed', {}, { [found.path || part]: found.problem });
    }
  });
}
