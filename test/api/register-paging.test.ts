import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UserView } from '../../src/modules/identity/user.schema.js';
import type { MatrixRowView, ProcessView } from '../../src/modules/register/process.schema.js';
import type { Page } from '../../src/platform/http/paging.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * Processes, the matrix and users are keyset-paged like every other list: following nextCursor
 * with a small limit yields every row once, in the list's order, and a forged cursor is a 400.
 */
describe('paging of processes, the matrix and users', () => {
  let t: TestApp;
  let admin: string;
  let quality: string;

  async function readAll<Item>(token: string, path: string, limit: number): Promise<Item[]> {
    const items: Item[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query = new URLSearchParams({ limit: String(limit) });
      if (cursor) query.set('cursor', cursor);
      const separator = path.includes('?') ? '&' : '?';
      const response = await t.call(token, 'GET', `${path}${separator}${query.toString()}`);
      expect(response.statusCode).toBe(200);
      const page = response.json<Page<Item>>();
      expect(page.items.length).toBeLessThanOrEqual(limit);
      items.push(...page.items);
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor !== null && pages < 100);
    expect(cursor).toBeNull();
    return items;
  }

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    quality = await t.tokenFor('quality');
    // Two processes share a name, so the key has to break the tie.
    for (const [key, name] of [
      ['release', 'Release'],
      ['release-eu', 'Release'],
      ['complaints', 'Complaint handling'],
      ['batch', 'Batch record review'],
      ['training', 'Training'],
    ]) {
      const created = await t.call(quality, 'POST', '/api/v1/processes', {
        key,
        name,
        description: `${name} process`,
        ownerRole: 'quality',
        affectsConformity: true,
      });
      expect(created.statusCode).toBe(201);
    }
    for (const key of ['db', 'api', 'queue']) {
      const created = await t.call(quality, 'POST', '/api/v1/assets', {
        key,
        name: key.toUpperCase(),
        category: 'application',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'high',
        criticalityRationale: 'Production depends on it',
        dataClassification: 'confidential',
        thirdPartyManaged: false,
      });
      expect(created.statusCode).toBe(201);
    }
    for (const processKey of ['release', 'release-eu', 'batch']) {
      for (const assetKey of ['db', 'api', 'queue']) {
        const linked = await t.call(quality, 'POST', '/api/v1/matrix', {
          processKey,
          assetKey,
          conformityImpact: 'Releases stop',
          controlMethod: 'Monitoring',
          evidenceLocation: 'Plumbline',
        });
        expect(linked.statusCode).toBe(201);
      }
    }
    for (const name of ['zoe', 'adam', 'mia', 'ben']) {
      const created = await t.call(admin, 'POST', '/api/v1/users', {
        email: `${name}@example.com`,
        name,
        role: 'engineering',
        password: 'a long enough password 42',
      });
      expect(created.statusCode).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('pages processes by name and key, each once', async () => {
    const whole = await readAll<ProcessView>(quality, '/api/v1/processes', 1000);
    const paged = await readAll<ProcessView>(quality, '/api/v1/processes', 2);
    expect(paged.map((process) => process.key)).toEqual(whole.map((process) => process.key));
    expect(paged.map((process) => process.key)).toEqual([
      'batch',
      'complaints',
      'release',
      'release-eu',
      'training',
    ]);
  });

  it('pages the matrix by process then asset, also within one asset', async () => {
    const paged = await readAll<MatrixRowView>(quality, '/api/v1/matrix', 2);
    expect(paged.map((row) => `${row.processKey}/${row.assetKey}`)).toEqual([
      'batch/api',
      'batch/db',
      'batch/queue',
      'release/api',
      'release/db',
      'release/queue',
      'release-eu/api',
      'release-eu/db',
      'release-eu/queue',
    ]);
    const forDb = await readAll<MatrixRowView>(quality, '/api/v1/matrix?asset=db', 1);
    expect(forDb.map((row) => row.processKey)).toEqual(['batch', 'release', 'release-eu']);
  });

  it('pages users by e-mail address, each once', async () => {
    const whole = await readAll<UserView>(admin, '/api/v1/users', 1000);
    const paged = await readAll<UserView>(admin, '/api/v1/users', 3);
    expect(paged.map((user) => user.email)).toEqual(whole.map((user) => user.email));
    expect(new Set(paged.map((user) => user.email)).size).toBe(paged.length);
    const mine = paged.map((user) => user.email).filter((email) => email.endsWith('@example.com'));
    expect(mine).toEqual([
      'adam@example.com',
      'ben@example.com',
      'mia@example.com',
      'zoe@example.com',
    ]);
  });

  it('pages assets by key with a cursor, each once, within the filters, with the total', async () => {
    const whole = await readAll<{ key: string }>(quality, '/api/v1/assets', 1000);
    expect(whole.map((asset) => asset.key)).toEqual(['api', 'db', 'queue']);
    const paged = await readAll<{ key: string }>(quality, '/api/v1/assets', 2);
    expect(paged).toEqual(whole);
    const first = (await t.call(quality, 'GET', '/api/v1/assets?limit=1&q=e')).json<{
      items: { key: string }[];
      total: number;
      nextCursor: string | null;
    }>();
    expect(first).toMatchObject({ items: [{ key: 'queue' }], total: 1, nextCursor: null });
  });

  it('gives the assets matching the filters as the total on every page, and past the last', async () => {
    type AssetPage = { items: { key: string }[]; total: number; nextCursor: string | null };
    const read = async (query: string) =>
      (await t.call(quality, 'GET', `/api/v1/assets?${query}`)).json<AssetPage>();
    const first = await read('limit=2');
    expect(first).toMatchObject({ items: [{ key: 'api' }, { key: 'db' }], total: 3 });
    const second = await read(`limit=2&cursor=${first.nextCursor}`);
    expect(second).toEqual({
      items: [expect.objectContaining({ key: 'queue' })],
      total: 3,
      nextCursor: null,
    });
    expect(await read('limit=2&offset=5')).toEqual({ items: [], total: 3, nextCursor: null });
    expect(await read('limit=2&offset=1&q=e')).toEqual({ items: [], total: 1, nextCursor: null });
    expect(await read('limit=2&q=nothing-matches')).toEqual({
      items: [],
      total: 0,
      nextCursor: null,
    });
  });

  it('refuses a cursor it did not hand out, naming the field', async () => {
    for (const path of ['/api/v1/processes', '/api/v1/matrix', '/api/v1/users', '/api/v1/assets']) {
      const response = await t.call(admin, 'GET', `${path}?cursor=bm90LWEtY3Vyc29y`);
      expect(response.statusCode).toBe(400);
      expect(response.body).toContain('querystring.cursor');
    }
  });
});
