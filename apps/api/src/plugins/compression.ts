import fastifyCompress from '@fastify/compress';
import type { FastifyInstance } from 'fastify';

/**
 * Compresses dynamic answers (API JSON, CSV exports) of 1 KB and more for browsers that accept it: brotli at
 * quality 4 (the library's default: ≈ gzip's cost, smaller output), else gzip. Already-compressed files keep their
 * encoding: the web bundle's pre-compressed copies (plugins/web.ts), xlsx and PDF (not compressible types).
 * Large payloads go through zlib streams, which run on libuv's thread pool, not on the HTTP thread.
 */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, { global: true, encodings: ['br', 'gzip'], threshold: 1024 });
}
