import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { en, zhCN } from 'zod/locales';
import { isMessageKey, translate, type ApiError, type Locale } from '@lianxin/contracts';
import { AppError, isMalformedMultipart, isUniqueViolation } from '../errors.ts';

const zodLocales = { 'zh-CN': zhCN().localeError, en: en().localeError } as const;

interface ValidationItem {
  instancePath: string;
  keyword: string;
  message?: string;
  params?: Record<string, unknown>;
}

/**
 * The value the request carried at an issue's path. zod keeps no input in its issues, so its locale's "received …"
 * of a wrong type said `undefined` for whatever was sent (a number for a text, two values of a query field); it is
 * looked up here and only handed to the message, never logged.
 */
function sentValue(request: FastifyRequest, context: string | undefined, instancePath: string): unknown {
  const sources: Record<string, unknown> = { body: request.body, querystring: request.query, params: request.params, headers: request.headers };
  let value = context === undefined ? undefined : sources[context];
  for (const key of instancePath.split('/').slice(1)) {
    if (key === '') continue;
    if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** A validation issue's text in the user's language: our message keys, else zod's own locale. */
function issueMessage(item: ValidationItem, locale: Locale, input: () => unknown): string {
  const message = item.message ?? '';
  if (isMessageKey(message)) return translate(message, locale);
  const issue = {
    code: item.keyword, ...(item.params ?? {}), ...(item.keyword === 'invalid_type' ? { input: input() } : {}),
  } as Parameters<(typeof zodLocales)['en']>[0];
  const localized = zodLocales[locale](issue);
  if (typeof localized === 'string') return localized;
  return localized?.message ?? message;
}

function fieldPath(item: ValidationItem, context: string | undefined): string {
  const path = item.instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (path) return path;
  return context === 'body' ? '' : (context ?? '');
}

/** One place turns every failure into `{code, message, fields}` in the request's language. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const locale = request.locale;
    const send = (status: number, body: ApiError) => reply.status(status).send(body);

    if (hasZodFastifySchemaValidationErrors(error)) {
      const fields: Record<string, string> = {};
      for (const item of error.validation as unknown as ValidationItem[]) {
        const path = fieldPath(item, error.validationContext);
        fields[path] ??= issueMessage(item, locale, () => sentValue(request, error.validationContext, item.instancePath));
      }
      return send(400, { code: 'validation_failed', message: translate('error.validation_failed', locale), fields });
    }
    if (error instanceof AppError) {
      if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
      const fields = Object.fromEntries(Object.entries(error.fields).map(([k, v]) => [k, translate(v, locale, error.params)]));
      return send(error.status, {
        code: error.code,
        message: translate(error.messageKey, locale, error.params),
        fields,
        ...(error.details ? { details: error.details } : {}),
      });
    }
    if (error.statusCode === 429) {
      return send(429, { code: 'rate_limited', message: translate('error.rate_limited', locale), fields: {} });
    }
    if (isResponseSerializationError(error)) {
      // where and why, never the values (the response carried personal data)
      const issues = error.cause.issues.map((issue) => ({ path: issue.path.join('.'), code: issue.code, message: issue.message }));
      request.log.error({ err: error, issues }, 'response does not match its schema');
      return send(500, { code: 'internal', message: translate('error.internal', locale), fields: {} });
    }
    if (isUniqueViolation(error)) {
      return send(409, { code: 'conflict', message: translate('error.conflict', locale), fields: {} });
    }
    if (isMalformedMultipart(error, request.isMultipart())) {
      return send(400, { code: 'validation_failed', message: translate('error.validation_failed', locale), fields: { file: translate('import.fileUnreadable', locale) } });
    }
    // Fastify's own 4xx (malformed JSON, a __proto__ key, wrong content type, body too large…) stay 4xx, with a
    // message in the user's language (Fastify's own text is English and names internals)
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      const key = error.statusCode === 413 ? 'error.body_too_large' : error.statusCode === 415 ? 'error.unsupported_media_type' : 'error.bad_request';
      return send(error.statusCode, { code: 'validation_failed', message: translate(key, locale), fields: {} });
    }
    request.log.error({ err: error }, 'unhandled error');
    return send(500, { code: 'internal', message: translate('error.internal', locale), fields: {} });
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ApiError = { code: 'not_found', message: translate('error.not_found', request.locale), fields: {} };
    return reply.status(404).send(body);
  });
}
