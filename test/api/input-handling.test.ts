import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { countStoredRuns } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const NUL_MESSAGE = 'must not contain a NUL character (U+0000)';
const SURROGATE_MESSAGE = 'must not contain a lone UTF-16 surrogate';

function assetBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    key: 'db-prod-eu',
    name: 'Production database (EU)',
    category: 'database',
    environment: 'production',
    ownerRole: 'engineering',
    criticality: 'medium',
    dataClassification: 'confidential',
    ...overrides,
  };
}

describe('text no column can hold', () => {
  let t: TestApp;
  let admin: string;

  const issuesOf = (body: string) => JSON.parse(body) as ErrorBody;
  const assetCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('assets')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/assets', assetBody())).statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it.each([
    ['an asset name', '/api/v1/assets', assetBody({ key: 'nul-1', name: 'a\u0000b' }), 'body.name'],
    [
      'a tag',
      '/api/v1/assets',
      assetBody({ key: 'nul-2', tags: ['ok', 'b\u0000'] }),
      'body.tags.1',
    ],
    [
      'a process name',
      '/api/v1/processes',
      { key: 'billing', name: 'Bill\u0000ing', ownerRole: 'engineering', affectsConformity: true },
      'body.name',
    ],
    [
      'a backup run',
      '/api/v1/backup-runs',
      {
        runs: [
          {
            asset: 'db-prod-eu',
            tool: 'restic',
            job: 'nightly\u0000',
            externalId: 'x-1',
            startedAt: '2026-03-01T01:00:00Z',
            status: 'succeeded',
          },
        ],
      },
      'body.runs.0.job',
    ],
  ])('refuses a NUL in %s with a 400 naming the field', async (_what, url, body, path) => {
    const response = await t.call(admin, 'POST', url, body);
    expect(response.statusCode).toBe(400);
    const { error } = issuesOf(response.body);
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([{ path, message: NUL_MESSAGE }]);
    expect(error.message).toBe(`The request is invalid: ${path}: ${NUL_MESSAGE}`);
  });

  it('refuses lone surrogates instead of storing U+FFFD, and keeps pairs', async () => {
    for (const name of ['\uD800', 'a\uDC00', 'z\uDBFF']) {
      const response = await t.call(admin, 'POST', '/api/v1/suppliers', { key: 'sup-x', name });
      expect(response.statusCode).toBe(400);
      expect(issuesOf(response.body).error.issues).toEqual([
        { path: 'body.name', message: SURROGATE_MESSAGE },
      ]);
    }
    const paired = await t.call(admin, 'POST', '/api/v1/suppliers', {
      key: 'sup-emoji',
      name: 'Cloud 🙂',
    });
    expect(paired.statusCode).toBe(201);
    expect(paired.json<{ name: string }>().name).toBe('Cloud 🙂');
  });

  it('refuses a NUL in a field name of a body', async () => {
    const response = await t.call(admin, 'PATCH', '/api/v1/assets/db-prod-eu', {
      'purpose\u0000': 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response.body).error.issues).toEqual([
      { path: 'body', message: 'has a field name that contains a NUL character (U+0000)' },
    ]);
  });

  it.each([
    ['/api/v1/assets?q=a%00b', 'query.q', NUL_MESSAGE],
    ['/api/v1/occurrences?control=x%00', 'query.control', NUL_MESSAGE],
    ['/api/v1/backup-runs?asset=db%00', 'query.asset', NUL_MESSAGE],
    ['/api/v1/assets/db-prod-eu%00', 'params.key', NUL_MESSAGE],
    ['/api/v1/processes/%00', 'params.key', NUL_MESSAGE],
  ])('answers %s with a 400 naming the parameter, never a 500', async (url, path, message) => {
    const response = await t.call(admin, 'GET', url);
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response.body).error.issues).toEqual([{ path, message }]);
  });

  it('refuses a CSV register import with a NUL, naming the line, storing nothing', async () => {
    const before = await assetCount();
    const csv =
      'key,name,category,environment,owner_role,criticality,data_classification\n' +
      'web-1,Web 1,server,production,engineering,low,internal\n' +
      'web-2,Web\u00002,server,production,engineering,low,internal\n';
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/assets/import',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'text/csv' },
      payload: csv,
    });
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response.body).error.issues).toEqual([
      { path: 'line 3', message: `name ${NUL_MESSAGE}` },
    ]);
    expect(await assetCount()).toBe(before);
  });

  it('refuses an NDJSON backup import with a NUL, naming the line, storing nothing', async () => {
    const before = await countStoredRuns(t);
    const line = (id: string, job: string) =>
      JSON.stringify({
        asset: 'db-prod-eu',
        tool: 'pg_dump',
        job,
        externalId: id,
        startedAt: '2026-03-01T01:00:00Z',
        status: 'succeeded',
      });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/backup-runs/import?format=plumbline',
      headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/x-ndjson' },
      payload: `${line('a', 'nightly')}\n${line('b', 'night\u0000ly')}\n`,
    });
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response.body).error.issues?.[0]?.path).toBe('line 2: job');
    expect(await countStoredRuns(t)).toBe(before);
  });
});
