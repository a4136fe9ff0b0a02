import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routesWithoutAccess } from '../../src/platform/http/access.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const webRoot = fileURLToPath(new URL('../../dist/web', import.meta.url));

describe('serving the web app', () => {
  let t: TestApp;
  let chunk: string;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(webRoot, 'index.html'))) {
      throw new Error(
        'dist/web is missing: run `npm run build:web` (npm test does) before these tests',
      );
    }
    chunk = fs.readdirSync(path.join(webRoot, 'static')).find((name) => name.endsWith('.js'))!;
    t = await createTestApp({ webRoot });
  });
  afterAll(() => t.close());

  it('serves the app for client-side routes, never cached', async () => {
    for (const url of ['/', '/assets/db-prod-eu', '/setup?token=x']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed build files for good', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/static/${chunk}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('answers a missing file with 404 instead of the app page', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/static/gone-1234.js' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toContain('application/json');
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/v1/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('declares an access rule on every route, the web app and API viewer included', async () => {
    expect(routesWithoutAccess(t.app)).toEqual([]);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBeLessThan(400);
  });

  it('answers other spellings of an unknown API path with a JSON 404, not the app page', async () => {
    for (const url of ['/API/v1/no-such-thing', '/%61pi/v1/no-such-thing', '//api/v1/x/../nope']) {
      const response = await t.app.inject({ method: 'GET', url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
    const users = await t.app.inject({ method: 'GET', url: '/%61pi/v1/users' });
    expect(users.statusCode).toBe(401);
  });
});
