import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { asApi } from './api-types.js';
import { installErrorHandler } from './error-handler.js';

describe('HTTP error responses', () => {
  let app: FastifyInstance;
  const logged: string[] = [];

  beforeAll(async () => {
    const stream = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logged.push(chunk.toString());
        done();
      },
    });
    app = Fastify({ logger: { level: 'error', stream } });
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app);
    const api = asApi(app);
    api.post(
      '/people',
      {
        schema: {
          body: z.object({
            email: z.email('must be an e-mail address'),
            password: z.string().min(12, 'must be at least 12 characters'),
          }),
        },
      },
      () => ({ ok: true }),
    );
    api.get('/boom', () => {
      throw new Error('database password is hunter2 at /srv/secret.ts:12');
    });
    api.get('/conflict', () => {
      throw new AppError('conflict', 'Already there', {
        issues: [{ path: 'body.email', message: 'is already used' }],
        details: { existing: 'x' },
      });
    });
    api.get('/race', () => {
      // What pg throws when a concurrent insert took the same unique key first.
      throw Object.assign(
        new Error('duplicate key value violates unique constraint "users_email_key"'),
        { code: '23505' },
      );
    });
    api.get('/locked', () => {
      throw new AppError('locked', 'In use', { details: { pid: 4242, lockPath: '/data/x' } });
    });
    // A route whose own 400 answer has another shape than an error (like a CSV import report).
    api.get('/report', { schema: { response: { 400: z.object({ rows: z.number() }) } } }, () => {
      throw new AppError('validation_failed', 'The file is empty');
    });
    api.get(
      '/wrong-response',
      { schema: { response: { 200: z.object({ count: z.number() }) } } },
      () => ({ count: 'many' }) as unknown as { count: number },
    );
    await app.ready();
  });
  afterAll(() => app.close());

  it('answers a malformed JSON body with 400, not 500', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/people',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": "a@b.example", ',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'bad_request' } });
  });

  it('lists every invalid field by its path', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/people',
      payload: { email: 'not-an-address', password: 'short' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: {
        code: 'validation_failed',
        message: expect.stringContaining('body.email') as string,
        issues: [
          { path: 'body.email', message: 'must be an e-mail address' },
          { path: 'body.password', message: 'must be at least 12 characters' },
        ],
      },
    });
  });

  it('maps an AppError code to its status with issues and details', async () => {
    const response = await app.inject({ method: 'GET', url: '/conflict' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toEqual({
      error: {
        code: 'conflict',
        message: 'Already there',
        issues: [{ path: 'body.email', message: 'is already used' }],
        details: { existing: 'x' },
      },
    });
  });

  it('keeps the lock holder’s details out of the response', async () => {
    const response = await app.inject({ method: 'GET', url: '/locked' });
    expect(response.statusCode).toBe(423);
    expect(response.json()).toEqual({ error: { code: 'locked', message: 'In use' } });
  });

  it('sends an error as an error even where the route documents another 400 body', async () => {
    const response = await app.inject({ method: 'GET', url: '/report' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      error: { code: 'validation_failed', message: 'The file is empty' },
    });
  });

  it('answers a lost race for a unique key with 409, not 500, and without the SQL message', async () => {
    const response = await app.inject({ method: 'GET', url: '/race' });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ error: { code: 'conflict' } });
    expect(response.body).not.toContain('users_email_key');
  });

  it('answers an unexpected error with a generic 500 that reveals nothing, and logs it', async () => {
    const response = await app.inject({ method: 'GET', url: '/boom' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toEqual({
      error: {
        code: 'internal',
        message: 'Something went wrong on our side; it has been logged.',
      },
    });
    expect(response.body).not.toMatch(/hunter2|secret\.ts|stack/);
    expect(logged.join('')).toContain('hunter2');
  });

  it('treats a response that breaks its own schema as an internal error', async () => {
    const response = await app.inject({ method: 'GET', url: '/wrong-response' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: { code: 'internal' } });
    expect(response.body).not.toContain('FST_ERR');
  });

  it('answers an unknown route with a JSON 404', async () => {
    const response = await app.inject({ method: 'GET', url: '/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({
      error: { code: 'not_found', message: 'No route GET /nowhere' },
    });
  });
});
