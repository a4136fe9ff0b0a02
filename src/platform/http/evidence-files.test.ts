import fastifyMultipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandler, type ErrorBody } from './error-handler.js';
import { uploadedEvidenceFile } from './evidence-files.js';

const BOUNDARY = 'x-boundary';

function part(disposition: string, content: string): string {
  return `--${BOUNDARY}\r\nContent-Disposition: ${disposition}\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;
}

describe('reading an evidence upload', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    installErrorHandler(app);
    // The limits every evidence route registers.
    await app.register(fastifyMultipart, {
      limits: { fileSize: 1024, files: 1, fields: 0, parts: 1 },
    });
    app.post('/upload', async (request) => {
      const file = await uploadedEvidenceFile(request);
      const chunks: Buffer[] = [];
      for await (const chunk of file.stream) chunks.push(chunk as Buffer);
      return { filename: file.filename, content: Buffer.concat(chunks).toString() };
    });
  });
  afterAll(() => app.close());

  const upload = (payload: string, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
    app.inject({
      method: 'POST',
      url: '/upload',
      headers: { 'content-type': contentType },
      payload,
    });

  it('reads a well-formed upload', async () => {
    const response = await upload(
      `${part('form-data; name="file"; filename="report.txt"', 'hello')}--${BOUNDARY}--\r\n`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ filename: 'report.txt', content: 'hello' });
  });

  it.each([
    ['a body cut off inside the part header', `--${BOUNDARY}\r\nContent-Disposition: form-da`],
    ['a body that is not multipart at all', 'just some text'],
    ['no parts', `--${BOUNDARY}--\r\n`],
    ['a part that is not a file', `${part('form-data; name="file"', 'hello')}--${BOUNDARY}--\r\n`],
    [
      'a file part without a name',
      `${part('form-data; name="file"; filename=""', 'x')}--${BOUNDARY}--\r\n`,
    ],
    [
      'a file in another field',
      `${part('form-data; name="other"; filename="r.txt"', 'x')}--${BOUNDARY}--\r\n`,
    ],
  ])('answers %s with a 4xx error, never a 500', async (_what, payload) => {
    const response = await upload(payload);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    expect(response.statusCode).toBeLessThan(500);
    expect(response.json<ErrorBody>().error.code).not.toBe('internal');
  });

  it.each([
    [
      'inside the file',
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="r.txt"\r\nContent-Type: text/plain\r\n\r\nhello wor`,
    ],
    [
      'before the closing boundary',
      `${part('form-data; name="file"; filename="r.txt"', 'hello')}--${BOUNDARY}`,
    ],
  ])('answers a body that ends %s with a 400 saying it is incomplete', async (_where, payload) => {
    const response = await upload(payload);
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.message).toMatch(/malformed or incomplete/);
  });

  it('answers a file part without a file name with a 400 naming body.file', async () => {
    const response = await upload(
      `${part('form-data; name="file"; filename=""', 'x')}--${BOUNDARY}--\r\n`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.issues).toEqual([
      { path: 'body.file', message: 'needs a file name (filename="…")' },
    ]);
  });

  it('answers an upload that is not multipart with a 400', async () => {
    const response = await upload('{}', 'application/json');
    expect(response.statusCode).toBe(400);
  });
});
