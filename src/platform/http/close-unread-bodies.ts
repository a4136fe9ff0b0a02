import type { FastifyInstance } from 'fastify';

/**
 * An answer sent before the request's body was read to its end (a streamed import refused at its
 * first bad line, an upload refused before it is stored) closes the connection after it: the rest
 * of the body is never read, so the connection could not carry another request, and kept open it
 * would hold the server's shutdown until the keep-alive timeout.
 */
export function installCloseUnreadBodies(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (!request.raw.complete) void reply.header('connection', 'close');
    return payload;
  });
}
