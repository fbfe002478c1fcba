import { z } from 'zod';

/** Error codes every API error carries; the message is in the request's language. */
export const errorCodes = [
  'validation_failed',
  'unauthenticated',
  'invalid_credentials',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  /** a figure (a sum of amounts) too large to answer exactly: 422 */
  'figure_too_large',
  'rate_limited',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export const apiErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  /** field path (dot-joined, e.g. "creditCode" or "items.0.name") → message */
  fields: z.record(z.string(), z.string()),
  /** extra machine-readable facts, e.g. the existing record on a conflict */
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;
