import type { ErrorCode, MessageKey } from '@lianxin/contracts';

/**
 * A typed domain error. `messageKey`/`params` are translated into the request's language by the error
 * handler; `fields` maps a field path to a message key for form errors.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly messageKey: MessageKey = `error.${code}` as MessageKey,
    readonly params: Record<string, string | number> = {},
    readonly fields: Record<string, MessageKey> = {},
    readonly details?: Record<string, unknown>,
  ) {
    super(messageKey);
  }

  /** seconds after which the client may try again: sent as `Retry-After` (a 429 of our own limits) */
  retryAfterSeconds?: number;
}

/** A 429 with `Retry-After` (whole seconds, at least 1) and the message `key` filled with `params`. */
export function rateLimited(retryAfterSeconds: number, key: MessageKey = 'error.rate_limited', params: Record<string, string | number> = {}): AppError {
  const error = new AppError('rate_limited', 429, key, params);
  error.retryAfterSeconds = Math.max(1, Math.ceil(retryAfterSeconds));
  return error;
}

export const notFound = () => new AppError('not_found', 404);
export const forbidden = () => new AppError('forbidden', 403);
export const unauthenticated = () => new AppError('unauthenticated', 401);

export function fieldError(field: string, key: MessageKey, status = 400, code: ErrorCode = 'validation_failed') {
  return new AppError(code, status, 'error.validation_failed', {}, { [field]: key });
}

export function conflict(key: MessageKey, params: Record<string, string | number>, details: Record<string, unknown>, field?: string) {
  return new AppError('conflict', 409, key, params, field ? { [field]: key } : {}, details);
}

/** A PostgreSQL unique violation (23505), raw from the driver or wrapped by Drizzle. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505' || (error as { cause?: { code?: string } }).cause?.code === '23505';
}

/**
 * A multipart body the parser could not read (truncated, no or wrong boundary, malformed part headers): the
 * client's fault, a 400. busboy throws plain errors, known by their origin (a busboy frame) or their texts.
 */
export function isMalformedMultipart(error: unknown, multipartRequest: boolean): boolean {
  if (!(error instanceof Error) || (error as { statusCode?: number }).statusCode) return false;
  // the body ended before its closing boundary (truncated, or the client went away mid-upload)
  if (multipartRequest && (error as { code?: string }).code === 'ERR_STREAM_PREMATURE_CLOSE') return true;
  if (/^(Unexpected end of (multipart data|form)|Multipart: Boundary not found|Boundary required|Malformed part header|Unsupported Content-Type\.|Missing Content-Type-header\.)/.test(error.message)) return true;
  return /[\\/]@fastify[\\/]busboy[\\/]/.test(error.stack ?? '');
}
