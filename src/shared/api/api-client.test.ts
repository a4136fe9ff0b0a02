import { describe, expect, it } from 'vitest';
import { ApiError, apiUrl, createApiClient, type TransportRequest } from './api-client.js';

/** A transport that records each request and answers the given responses in turn. */
function recordingTransport(...answers: (() => Response)[]) {
  const sent: TransportRequest[] = [];
  const failed: ApiError[] = [];
  const client = createApiClient({
    send(request) {
      sent.push(request);
      const answer = answers.shift();
      if (!answer) throw new Error('No answer left');
      return Promise.resolve(answer());
    },
    failed: (error) => failed.push(error),
  });
  return { client, sent, failed };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the API client', () => {
  it('fills path parameters encoded, under /api/v1', async () => {
    const { client, sent } = recordingTransport(() => json({ key: 'a/b c' }));
    await client.get('/assets/{key}', { path: { key: 'a/b c?' } });
    expect(sent[0]).toMatchObject({ method: 'GET', url: '/api/v1/assets/a%2Fb%20c%3F' });
  });

  it('leaves empty query values out and writes the others as text', () => {
    expect(
      apiUrl('/assets', {
        query: { q: '', category: undefined, tag: null, limit: 20, cursor: 'x y' },
      }),
    ).toBe('/api/v1/assets?limit=20&cursor=x+y');
    expect(apiUrl('/accounts', { query: { asset: 'db', includeRemoved: true } })).toBe(
      '/api/v1/accounts?asset=db&includeRemoved=true',
    );
  });

  it('refuses a path whose parameter is missing before sending anything', () => {
    expect(() => apiUrl('/assets/{key}', { path: {} as { key: string } })).toThrow(
      'The path /assets/{key} needs its key parameter',
    );
  });

  it('sends a JSON body with its content type and answers the parsed body', async () => {
    const { client, sent } = recordingTransport(() => json({ id: 'n1' }, 201));
    const answer = await client.send('POST', '/work-orders/{id}/complete', {
      path: { id: 'w1' },
      body: { note: 'done' },
    });
    expect(answer).toEqual({ id: 'n1' });
    expect(sent[0]).toMatchObject({
      method: 'POST',
      url: '/api/v1/work-orders/w1/complete',
      headers: { 'content-type': 'application/json' },
      body: '{"note":"done"}',
    });
  });

  it('sends a raw body or a form as given', async () => {
    const { client, sent } = recordingTransport(
      () => json({}),
      () => json({}),
    );
    await client.send('POST', '/people/import', {
      raw: { contentType: 'text/csv', content: 'email\n' },
    });
    const form = new FormData();
    await client.send('POST', '/work-orders/{id}/evidence', { path: { id: 'w1' }, form });
    expect(sent[0]).toMatchObject({ headers: { 'content-type': 'text/csv' }, body: 'email\n' });
    expect(sent[1]?.body).toBe(form);
    expect(sent[1]?.headers['content-type']).toBeUndefined();
  });

  it('maps the error body to an ApiError with its code, field issues and details', async () => {
    const { client, failed } = recordingTransport(() =>
      json(
        {
          error: {
            code: 'validation_failed',
            message: 'The request is invalid',
            issues: [{ path: 'body.note', message: 'Too long' }],
            details: { limit: 4000 },
          },
        },
        400,
      ),
    );
    const error = await client
      .send('POST', '/work-orders/{id}/complete', { path: { id: 'w1' }, body: { note: 'x' } })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'validation_failed',
      message: 'The request is invalid',
      issues: [{ path: 'body.note', message: 'Too long' }],
      details: { limit: 4000 },
    });
    expect(failed).toEqual([error]);
  });

  it('says clearly what came back when a failure is not the error body', async () => {
    const { client } = recordingTransport(
      () => new Response('<html><body>Bad gateway</body></html>', { status: 502 }),
      () => new Response('', { status: 503 }),
    );
    await expect(client.get('/health/live')).rejects.toMatchObject({
      status: 502,
      code: 'internal',
      issues: [],
      message:
        'The server answered HTTP 502 without an API error body: <html><body>Bad gateway</body></html>',
    });
    await expect(client.get('/health/live')).rejects.toMatchObject({
      status: 503,
      message: 'The server answered HTTP 503 without an API error body',
    });
  });

  it('answers a listed status whose body is not an error, and still throws an error body', async () => {
    const report = { rows: 1, errors: [{ line: 2, column: null, message: 'bad' }] };
    const { client } = recordingTransport(
      () => json(report, 400),
      () => json({ error: { code: 'bad_request', message: 'Unknown column' } }, 400),
    );
    const request = {
      raw: { contentType: 'text/csv', content: 'key\n' },
      answerStatuses: [400],
    } as const;
    expect(await client.send('POST', '/assets/import', request)).toEqual(report);
    await expect(client.send('POST', '/assets/import', request)).rejects.toMatchObject({
      status: 400,
      message: 'Unknown column',
    });
  });

  it('answers text and open responses, and fails them like JSON calls', async () => {
    const { client } = recordingTransport(
      () => new Response('key,name\n', { status: 200 }),
      () => new Response('zip bytes', { status: 200 }),
      () => json({ error: { code: 'not_found', message: 'No such pack' } }, 404),
    );
    expect(await client.getText('/assets/export.csv')).toBe('key,name\n');
    const response = await client.open('/reports/packs/{id}/download', { path: { id: 'p1' } });
    expect(await response.text()).toBe('zip bytes');
    await expect(
      client.open('/reports/packs/{id}/download', { path: { id: 'p2' } }),
    ).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});

/** Checked by the typecheck: wrong paths, missing parameters and bodies do not compile. */
export function typeChecks(client: ReturnType<typeof createApiClient>) {
  return [
    // @ts-expect-error: no such path
    () => client.get('/no-such-path'),
    // @ts-expect-error: the path parameter is required
    () => client.get('/assets/{key}'),
    // @ts-expect-error: the body is required
    () => client.send('POST', '/work-orders/{id}/complete', { path: { id: 'w1' } }),
    // @ts-expect-error: a field of the body has the wrong type
    () => client.send('POST', '/tls-endpoints', { body: { host: 'h', port: 'eighty' } }),
    // @ts-expect-error: GET is not a write
    () => client.send('GET', '/assets'),
    async () => {
      const asset = await client.get('/assets/{key}', { path: { key: 'k' } });
      // @ts-expect-error: the answer is typed; it has no such field
      const missing: unknown = asset.noSuchField;
      return missing;
    },
  ];
}
