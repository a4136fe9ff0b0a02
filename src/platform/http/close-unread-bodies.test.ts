import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Readable } from 'node:stream';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installCloseUnreadBodies } from './close-unread-bodies.js';

describe('answers sent before the body was read', () => {
  const app = Fastify();
  let port: number;
  beforeAll(async () => {
    installCloseUnreadBodies(app);
    app.addContentTypeParser('application/octet-stream', (_request, payload, done) =>
      done(null, payload),
    );
    app.post('/refuse', (_request, reply) => reply.status(400).send({ refused: true }));
    app.post('/read', async (request) => {
      let bytes = 0;
      for await (const chunk of request.body as Readable) bytes += (chunk as Buffer).length;
      return { bytes };
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  /** Sends the first chunk of a body and waits for the answer before sending the rest. */
  function post(path: string): Promise<{ status: number; connection: string | undefined }> {
    return new Promise((resolve, reject) => {
      const agent = new http.Agent({ keepAlive: true });
      const request = http.request(
        {
          port,
          host: '127.0.0.1',
          path,
          method: 'POST',
          agent,
          headers: { 'content-type': 'application/octet-stream', 'content-length': 2048 },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            agent.destroy();
            resolve({ status: response.statusCode!, connection: response.headers.connection });
          });
        },
      );
      request.on('error', reject);
      request.write(Buffer.alloc(1024));
      // The rest only for the route that reads it; the refusing one has answered by then.
      if (path === '/read') request.end(Buffer.alloc(1024));
      else setTimeout(() => request.destroy(), 2000).unref();
    });
  }

  it('closes the connection after refusing a body it did not read to its end', async () => {
    expect(await post('/refuse')).toEqual({ status: 400, connection: 'close' });
  });

  it('keeps the connection of a request whose body was read', async () => {
    expect(await post('/read')).toEqual({ status: 200, connection: 'keep-alive' });
  });
});
