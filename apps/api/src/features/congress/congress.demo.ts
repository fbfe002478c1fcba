import type { FastifyInstance } from 'fastify';

/** Demo data for the workers' congress, votes and evaluation (written after the members' demo). */
export async function congressDemo(_app: FastifyInstance): Promise<void> {}
