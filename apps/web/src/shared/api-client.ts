import { isMessageKey, translate, type ErrorCode } from '@lianxin/contracts';
import { getCurrentLocale } from './i18n/current-locale.ts';

/**
 * Thin fetch wrapper for the same-origin JSON API: cookie session, CSRF header on writes,
 * Accept-Language from the chosen UI language, and typed errors carrying per-field messages.
 */

export type ApiErrorCode = ErrorCode | 'network';

export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  /** dot path (e.g. "creditCode") → message in the request's language */
  readonly fields: Record<string, string>;
  readonly details: Record<string, unknown>;

  constructor(status: number, code: ApiErrorCode, message: string, fields: Record<string, string> = {}, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

/** The token login and /auth/me hand out; sent as X-CSRF-Token on every write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request (other than the session probes) answers 401, e.g. after the session expired. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

export type QueryValue = string | number | boolean | null | undefined;

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function fallbackMessage(code: ErrorCode): string {
  const key = `error.${code}`;
  return isMessageKey(key) ? translate(key, getCurrentLocale()) : translate('error.internal', getCurrentLocale());
}

const knownCodes = new Set<string>([
  'validation_failed', 'unauthenticated', 'invalid_credentials', 'csrf_failed', 'forbidden',
  'not_found', 'conflict', 'figure_too_large', 'rate_limited', 'unavailable', 'internal',
]);

function codeForStatus(status: number): ErrorCode {
  if (status === 400) return 'validation_failed';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 503) return 'unavailable';
  return 'internal';
}

/** Turns a non-2xx response body into an ApiError; tolerant of bodies that are not the API's shape. */
export function errorFromResponse(status: number, body: unknown): ApiError {
  const record = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const code: ErrorCode = typeof record.code === 'string' && knownCodes.has(record.code) ? (record.code as ErrorCode) : codeForStatus(status);
  const message = typeof record.message === 'string' && record.message ? record.message : fallbackMessage(code);
  const fields: Record<string, string> = {};
  if (typeof record.fields === 'object' && record.fields !== null) {
    for (const [path, text] of Object.entries(record.fields as Record<string, unknown>)) {
      if (typeof text === 'string') fields[path] = text;
    }
  }
  const details = typeof record.details === 'object' && record.details !== null ? (record.details as Record<string, unknown>) : {};
  return new ApiError(status, code, message, fields, details);
}

export interface RequestOptions {
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** a multipart body (file uploads); the browser sets the Content-Type with its boundary */
  form?: FormData;
  signal?: AbortSignal;
  /** Do not call the unauthenticated handler on 401 (login and the session probe handle it themselves). */
  quiet401?: boolean;
}

export async function apiRequest<T>(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const locale = getCurrentLocale();
  const headers: Record<string, string> = { Accept: 'application/json', 'Accept-Language': locale };
  if (options.body !== undefined && options.form === undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.form ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network', locale === 'en' ? 'Cannot reach the server' : '无法连接服务器');
  }

  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    const error = errorFromResponse(response.status, body);
    if (response.status === 401 && !options.quiet401) onUnauthenticated?.();
    throw error;
  }
  return body as T;
}

export const api = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) => apiRequest<T>('GET', path, { query, signal }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body: unknown) => apiRequest<T>('PATCH', path, { body }),
  put: <T>(path: string, body: unknown) => apiRequest<T>('PUT', path, { body }),
  delete: <T = void>(path: string) => apiRequest<T>('DELETE', path),
  upload: <T>(path: string, form: FormData) => apiRequest<T>('POST', path, { form }),
};
