import type { FastifyReply } from 'fastify';

/**
 * Sends a body that is already JSON, checked against the route's response schema when it was made (a shared
 * answer, lib/recent-reads.ts): Fastify sends a string with a JSON content type as it is, without the route's
 * serialiser, so twenty readers of one answer do not check and serialise it twenty times.
 */
export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(json);
}
