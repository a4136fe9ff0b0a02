import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchAnswer, SearchKind } from '../../src/modules/search/search.schema.js';
import type { UserRole } from '../../src/platform/auth/roles.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

/**
 * The search's free-text kinds (suppliers, processes, framework requirements, nonconformances,
 * incidents): words found as word starts anywhere in their texts, keys and numbers first, each
 * kind only for the roles that read it, retired requirements never.
 */
describe('global search over free text', () => {
  let t: TestApp;
  const tokens = {} as Record<UserRole, string>;

  const search = async (role: UserRole, q: string) => {
    const query = new URLSearchParams({ q });
    const response = await t.call(tokens[role], 'GET', `/api/v1/search?${query.toString()}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<SearchAnswer>();
  };
  const ofKind = (answer: SearchAnswer, kind: SearchKind) =>
    answer.items.filter((item) => item.kind === kind);
  const created = async (role: UserRole, path: string, body: Record<string, unknown>) => {
    const response = await t.call(tokens[role], 'POST', path, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string }>();
  };

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of ['admin', 'quality', 'engineering', 'viewer'] as const) {
      tokens[role] = await t.tokenFor(role);
    }
    await created('admin', '/api/v1/suppliers', {
      key: 'northwind',
      name: 'Northwind Hosting',
      services: 'Colocation of the ledger cluster',
    });
    await created('admin', '/api/v1/processes', {
      key: 'invoicing',
      name: 'Monthly invoicing',
      description: 'Bills customers from the ledger every month',
      ownerRole: 'engineering',
      affectsConformity: true,
    });
    await created('quality', '/api/v1/nonconformances', {
      title: 'Ledger restore test skipped',
      description: 'The quarterly restore of the ledger cluster did not run.',
      requirementNotMet: 'Restores are tested every quarter',
      containment: 'A restore was run by hand the next day.',
      disposition: 'Accepted after the manual restore.',
      impactAssessment: 'None: the manual restore passed.',
      owner: 'quality',
      dueOn: '2026-04-30',
    });
    await created('quality', '/api/v1/incidents', {
      title: 'Ledger cluster outage',
      severity: 'major',
    });
  });
  afterAll(() => t.close());

  it('finds words inside names, services and descriptions as word starts', async () => {
    const answer = await search('admin', 'ledg');
    expect(ofKind(answer, 'supplier').map((item) => [item.key, item.match])).toEqual([
      ['northwind', 'word'],
    ]);
    expect(ofKind(answer, 'process').map((item) => item.key)).toEqual(['invoicing']);
    expect(ofKind(answer, 'nonconformance').map((item) => [item.title, item.match])).toEqual([
      ['Ledger restore test skipped', 'prefix'],
    ]);
    expect(ofKind(answer, 'incident').map((item) => item.title)).toEqual(['Ledger cluster outage']);
    // Not a word start: nothing.
    expect((await search('admin', 'edger')).items).toEqual([]);
  });

  it('asks every word typed, in any order', async () => {
    const answer = await search('admin', 'outage ledger');
    expect(answer.items.map((item) => [item.kind, item.title])).toEqual([
      ['incident', 'Ledger cluster outage'],
    ]);
  });

  it('ranks an exact key or number first and says it in words', async () => {
    const supplier = await search('admin', 'northwind');
    expect(supplier.items[0]).toMatchObject({
      kind: 'supplier',
      key: 'northwind',
      title: 'Northwind Hosting',
      match: 'exact',
    });
    for (const typed of ['NC-1', 'nc-0001', 'NC1']) {
      const answer = await search('admin', typed);
      expect(answer.items[0], typed).toMatchObject({ kind: 'nonconformance', match: 'exact' });
      expect(answer.items[0]!.detail).toBe('NC-0001 · open');
    }
    const incident = await search('admin', 'INC-1');
    expect(incident.items[0]).toMatchObject({ kind: 'incident', match: 'exact' });
    expect(incident.items[0]!.detail).toMatch(/^INC-0001 · major · /);
  });

  it('finds framework requirements by their words, addressed by their framework', async () => {
    const answer = await search('viewer', 'backup');
    const requirements = ofKind(answer, 'requirement');
    expect(requirements.length).toBeGreaterThan(0);
    for (const requirement of requirements) {
      const framework = await t.call(tokens.viewer, 'GET', `/api/v1/frameworks/${requirement.key}`);
      expect(framework.statusCode).toBe(200);
      const listed = framework.json<{ requirements: { title: string; reference: string }[] }>();
      expect(listed.requirements).toContainEqual(
        expect.objectContaining({ title: requirement.title }),
      );
    }
  });

  it('never finds a retired requirement', async () => {
    const before = ofKind(await search('admin', 'backup'), 'requirement');
    const retired = before[0]!;
    await t.ctx.db
      .updateTable('requirements')
      .set({ retired_at: new Date('2026-01-01T00:00:00Z') })
      .where('id', '=', retired.id)
      .execute();
    try {
      const after = ofKind(await search('admin', 'backup'), 'requirement');
      expect(after.map((item) => item.id)).not.toContain(retired.id);
    } finally {
      await t.ctx.db
        .updateTable('requirements')
        .set({ retired_at: null })
        .where('id', '=', retired.id)
        .execute();
    }
  });

  it('answers each role only the kinds it may read', async () => {
    const kinds = async (role: UserRole) =>
      [...new Set((await search(role, 'ledger')).items.map((item) => item.kind))].sort();
    expect(await kinds('engineering')).toEqual(
      ['incident', 'nonconformance', 'process', 'supplier'].sort(),
    );
    // A viewer reads the register and the catalogue, not the work or the incidents.
    expect(await kinds('viewer')).toEqual(['process', 'supplier']);
  });

  it('answers punctuation alone with nothing rather than an error', async () => {
    for (const q of ['-', '&', ':*', "'", '!()|']) {
      const answer = await search('admin', q);
      expect(
        answer.items.filter((item) => item.kind !== 'asset' && item.kind !== 'control'),
        q,
      ).toEqual([]);
    }
  });
});
