import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchAnswer } from '../../src/modules/search/search.schema.js';
import type { UserRole } from '../../src/platform/auth/roles.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createProductionAsset } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { accountsFixture, upload } from './accounts.fixtures.js';

/**
 * The Ctrl-K search: one endpoint over every kind of record (free-text kinds: search-full-text.test.ts),
 * ranked, capped with an honest `more`, and never answering a role with records it may not read.
 */
describe('global search', () => {
  let t: TestApp;
  const tokens = {} as Record<UserRole, string>;

  const search = async (role: UserRole, q: string, limit?: number) => {
    const query = new URLSearchParams({ q, ...(limit ? { limit: String(limit) } : {}) });
    const response = await t.call(tokens[role], 'GET', `/api/v1/search?${query.toString()}`);
    expect(response.statusCode).toBe(200);
    return response.json<SearchAnswer>();
  };
  const kindsOf = (answer: SearchAnswer) => [...new Set(answer.items.map((item) => item.kind))];

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ['admin', 'quality', 'engineering', 'security', 'viewer'] as const) {
      tokens[role] = await t.tokenFor(role);
    }
    await createProductionAsset(t, tokens.quality, 'orders-db', { tags: ['alice-team'] });
    await createProductionAsset(t, tokens.quality, 'billing-orders', { tags: ['finance'] });
    await createProductionAsset(t, tokens.quality, 'warehouse', { tags: ['orders'] });
    // Everything called "alice": a person of the register, a user, a work order, an asset's tag.
    expect(
      (await upload(t, tokens.security, '/api/v1/people/import', accountsFixture('people.csv')))
        .statusCode,
    ).toBe(200);
    await t.createUser('engineering', 'alice.user@example.test');
    const workOrder = await t.call(tokens.engineering, 'POST', '/api/v1/work-orders', {
      title: 'Ask Alice about the orders-db disk',
      description: 'SMART warnings.',
      assetKey: 'orders-db',
    });
    expect(workOrder.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('ranks an exact key first, then prefixes, then word starts, then the rest', async () => {
    const answer = await search('engineering', 'orders');
    const assets = answer.items.filter((item) => item.kind === 'asset');
    expect(assets.map((item) => [item.key, item.match])).toEqual([
      ['warehouse', 'exact'],
      ['orders-db', 'prefix'],
      ['billing-orders', 'word'],
    ]);
    expect(answer.items.findIndex((item) => item.kind === 'work-order')).toBeGreaterThan(
      answer.items.findIndex((item) => item.key === 'orders-db'),
    );
    expect(answer.items[0]).toMatchObject({
      kind: 'asset',
      key: 'warehouse',
      title: 'Asset warehouse',
    });
  });

  it('finds work orders by their number', async () => {
    const answer = await search('engineering', 'WO-000001');
    expect(answer.items[0]).toMatchObject({ kind: 'work-order', match: 'exact' });
    expect(answer.items[0]!.detail).toContain('WO-000001');
  });

  it('answers each role only the kinds of records it may read', async () => {
    expect(kindsOf(await search('admin', 'alice')).sort()).toEqual(
      ['asset', 'person', 'user', 'work-order'].sort(),
    );
    expect(kindsOf(await search('security', 'alice')).sort()).toEqual(
      ['asset', 'person', 'work-order'].sort(),
    );
    expect(kindsOf(await search('engineering', 'alice')).sort()).toEqual(
      ['asset', 'work-order'].sort(),
    );
    expect(kindsOf(await search('viewer', 'alice'))).toEqual(['asset']);
    const viewerOnBackups = await search('viewer', 'backup');
    expect(viewerOnBackups.items.length).toBeGreaterThan(0);
    // The register and the catalogue, nothing of the work.
    const viewerKinds = ['asset', 'supplier', 'process', 'control', 'requirement'];
    expect(kindsOf(viewerOnBackups).every((kind) => viewerKinds.includes(kind))).toBe(true);
  });

  it('caps the answer and says honestly whether more match', async () => {
    const all = await search('admin', 'alice');
    expect(all.more).toBe(false);
    const capped = await search('admin', 'alice', all.items.length - 1);
    expect(capped.items).toEqual(all.items.slice(0, all.items.length - 1));
    expect(capped.more).toBe(true);
    const exact = await search('admin', 'alice', all.items.length);
    expect(exact.more).toBe(false);
  });

  it('takes LIKE wildcards literally', async () => {
    expect((await search('admin', '%')).items).toEqual([]);
    expect((await search('admin', 'orders_db')).items).toEqual([]);
  });

  it('refuses a missing, blank or too long q, and a limit over the cap, naming the field', async () => {
    for (const url of [
      '/api/v1/search',
      '/api/v1/search?q=%20%20',
      `/api/v1/search?q=${'x'.repeat(101)}`,
      '/api/v1/search?q=db&limit=21',
    ]) {
      const response = await t.call(tokens.engineering, 'GET', url);
      expect(response.statusCode, url).toBe(400);
      const field = url.includes('limit') ? 'querystring.limit' : 'querystring.q';
      expect(response.json<ErrorBody>().error.issues?.map((issue) => issue.path)).toContain(field);
    }
  });
});
