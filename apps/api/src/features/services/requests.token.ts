import { timingSafeEqual } from 'node:crypto';
import type { AppKeys } from '../../security/keys.ts';

/**
 * Link tokens for one request, for a requester without an account (issue 11): `follow` (given on an H5
 * submission: read the request's progress) and `rate` (sent by SMS when it is resolved: rate it once). A token is
 * `<f|r><id>-<HMAC-SHA256 of purpose and id>` (no dot: the H5's SPA fallback reads a path ending in `.xyz` as a file) — unguessable without the server's key (like the e-card's QR
 * token, cards/card-token.ts), bound to its request and purpose, and the same every time it is made, so a resend
 * of a submission answers the same link. It carries no expiry: what a token may do is decided by the request's
 * state (a rating link works only while the request waits for its rating, so it is spent by the rating and
 * expires when the request closes as 未评价).
 */
export type RequestTokenKind = 'follow' | 'rate';

const prefix: Record<RequestTokenKind, string> = { follow: 'f', rate: 'r' };
const payload = (kind: RequestTokenKind, id: number) => `service-request:${kind}:${id}`;

export function signRequestToken(keys: AppKeys, kind: RequestTokenKind, id: number): string {
  return `${prefix[kind]}${id}-${keys.sign(payload(kind, id))}`;
}

/** The request and purpose of a genuine token; null for anything altered, malformed or signed with another key. */
export function checkRequestToken(keys: AppKeys, token: string): { kind: RequestTokenKind; requestId: number } | null {
  const match = /^([fr])([1-9]\d{0,9})-([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return null;
  const kind: RequestTokenKind = match[1] === 'f' ? 'follow' : 'rate';
  const requestId = Number(match[2]);
  if (!Number.isSafeInteger(requestId) || requestId > 2_147_483_647) return null;
  const expected = Buffer.from(keys.sign(payload(kind, requestId)));
  const given = Buffer.from(match[3] ?? '');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  return { kind, requestId };
}
