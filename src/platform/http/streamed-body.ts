import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import { asApi, type Api } from './api-types.js';

/**
 * Registers routes that stream their body: in this scope the body is handed over unread, whatever
 * its content type, and the use case parses it as it arrives (read it with `streamedBody`).
 */
export function registerStreamingRoutes(api: Api, routes: (scope: Api) => void): void {
  void api.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, parsed) => parsed(null, payload));
    routes(asApi(scope));
    done();
  });
}

/**
 * The body of a route whose scope hands it over unread (the importers): the payload stream, or,
 * without a content type (Fastify then runs no parser), the raw request, where the body still
 * waits and must not be dropped.
 */
export function streamedBody(request: FastifyRequest): Readable {
  const body = request.body;
  return body instanceof Readable ? body : request.raw;
}

/** Refuses a body whose declared length is already past the limit, before reading any of it. */
export function refuseDeclaredLength(
  request: FastifyRequest,
  maxBytes: number,
  tooLarge: (megabytes: number) => string,
): void {
  const declaredLength = Number(request.headers['content-length'] ?? '0');
  if (declaredLength > maxBytes) {
    throw new AppError('payload_too_large', tooLarge(maxBytes / 1024 / 1024));
  }
}

/**
 * Reads and drops what is left of a refused streamed body (up to `maxBytes`), so the client, still
 * sending, receives the answer instead of a connection reset.
 */
export async function discardRest(input: Readable, maxBytes = Infinity): Promise<void> {
  if (input.readableEnded || input.destroyed) return;
  let size = 0;
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    size += chunk.length;
    if (size > maxBytes) break;
  }
}
