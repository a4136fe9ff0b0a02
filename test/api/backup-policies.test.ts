import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  BackupPolicyView,
  EffectiveBackupPolicy,
} from '../../src/modules/backups/backup-policy.schema.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('backup policies', () => {
  let t: TestApp;
  let admin: string;
  let engineering: string;
  let viewer: string;

  const effective = async (key: string) =>
    (
      await t.call(viewer, 'GET', `/api/v1/assets/${key}/backup-policy`)
    ).json<EffectiveBackupPolicy>();
  const create = (body: Record<string, unknown>, token = engineering) =>
    t.call(token, 'POST', '/api/v1/backup-policies', body);

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    engineering = await t.tokenFor('engineering');
    viewer = await t.tokenFor('viewer');
    const assets = [
      { key: 'db-prod-eu', category: 'database', environment: 'production', tags: ['pii'] },
      { key: 'db-prod-us', category: 'database', environment: 'production', tags: [] },
      {
        key: 'iac-repo',
        category: 'application',
        environment: 'corporate',
        tags: ['configuration'],
      },
      { key: 'laptop-7', category: 'endpoint', environment: 'corporate', tags: [] },
    ];
    for (const asset of assets) {
      const response = await t.call(admin, 'POST', '/api/v1/assets', {
        ...asset,
        name: asset.key,
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(response.statusCode, response.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  it('applies the SOP defaults where no policy covers an asset', async () => {
    expect(await effective('db-prod-eu')).toMatchObject({
      source: 'default',
      matched: 'production-data',
      settings: {
        incrementalEvery: 'P1D',
        fullEvery: 'P7D',
        retention: 'P30D',
        rpo: 'PT24H',
        rto: 'PT4H',
      },
    });
    expect(await effective('iac-repo')).toMatchObject({
      source: 'default',
      matched: 'configuration',
      settings: { rpo: 'PT1H', rto: 'PT2H' },
    });
    expect(await effective('laptop-7')).toMatchObject({ source: 'none', settings: null });
    expect(
      (await t.call(viewer, 'GET', '/api/v1/assets/no-such-asset/backup-policy')).statusCode,
    ).toBe(404);
  });

  it('creates policies per category, tag and asset, the most specific applying', async () => {
    const category = await create({
      name: 'Databases',
      scope: { kind: 'category', category: 'database' },
      rpo: 'PT12H',
    });
    expect(category.statusCode, category.body).toBe(201);
    expect(category.json<BackupPolicyView>()).toMatchObject({
      name: 'Databases',
      scope: { kind: 'category', category: 'database' },
      rpo: 'PT12H',
      // Left out: the production-data default.
      incrementalEvery: 'P1D',
      retention: 'P30D',
      encryptionRequired: true,
      version: 1,
      archivedAt: null,
    });
    const tag = await create({
      name: 'Personal data',
      scope: { kind: 'tag', tag: 'pii' },
      rpo: 'PT4H',
      requiredRegions: ['eu-west-1', 'eu-central-1'],
      alertRecipients: ['dpo@example.test'],
    });
    expect(tag.statusCode).toBe(201);
    expect(await effective('db-prod-eu')).toMatchObject({
      source: 'tag',
      matched: 'pii',
      settings: { rpo: 'PT4H' },
    });
    expect(await effective('db-prod-us')).toMatchObject({
      source: 'category',
      matched: 'database',
    });

    const own = await create({
      name: 'EU database',
      scope: { kind: 'asset', asset: 'db-prod-eu' },
      incrementalEvery: 'PT1H',
      rpo: 'PT1H',
      rto: 'PT2H',
    });
    expect(own.statusCode).toBe(201);
    expect(await effective('db-prod-eu')).toMatchObject({
      source: 'asset',
      policyId: own.json<BackupPolicyView>().id,
      policyName: 'EU database',
      settings: { rpo: 'PT1H', incrementalEvery: 'PT1H' },
    });
    const list = (await t.call(viewer, 'GET', '/api/v1/backup-policies')).json<{
      items: BackupPolicyView[];
    }>();
    expect(list.items.map((policy) => policy.scope.kind)).toEqual(['asset', 'category', 'tag']);
  });

  it('refuses a second live policy for the same scope, bad fields and unknown assets', async () => {
    const again = await create({
      name: 'Databases 2',
      scope: { kind: 'category', category: 'database' },
    });
    expect(again.statusCode).toBe(409);
    const bad = await create({
      name: 'Bad',
      scope: { kind: 'tag', tag: 'x' },
      rpo: '24 hours',
      alertRecipients: ['not-an-email'],
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json<ErrorBody>()
        .error.issues?.map((issue) => issue.path)
        .sort(),
    ).toEqual(['body.alertRecipients.0', 'body.rpo']);
    const noFrequency = await create({
      name: 'Never',
      scope: { kind: 'tag', tag: 'never' },
      incrementalEvery: null,
      fullEvery: null,
    });
    expect(noFrequency.json<ErrorBody>().error.issues).toEqual([
      { path: 'body.incrementalEvery', message: 'set incrementalEvery or fullEvery' },
    ]);
    const unknown = await create({
      name: 'Nobody',
      scope: { kind: 'asset', asset: 'no-such-asset' },
    });
    expect(unknown.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.scope.asset');
  });

  it('changes a policy only against its current version, and audits it', async () => {
    const policy = (
      await create({ name: 'Configuration', scope: { kind: 'tag', tag: 'configuration' } })
    ).json<BackupPolicyView>();
    const url = `/api/v1/backup-policies/${policy.id}`;
    const changed = await t.call(engineering, 'PATCH', url, {
      expectedVersion: 1,
      rpo: 'PT30M',
      incrementalEvery: 'PT30M',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json<BackupPolicyView>()).toMatchObject({
      version: 2,
      rpo: 'PT30M',
      name: 'Configuration',
    });
    const stale = await t.call(engineering, 'PATCH', url, { expectedVersion: 1, rpo: 'PT1H' });
    expect(stale.statusCode).toBe(409);
    const noVersion = await t.call(engineering, 'PATCH', url, { rpo: 'PT1H' });
    expect(noVersion.statusCode).toBe(400);
    const scopeChange = await t.call(engineering, 'PATCH', url, {
      expectedVersion: 2,
      scope: { kind: 'tag', tag: 'x' },
    });
    expect(scopeChange.statusCode).toBe(400);
    expect(await effective('iac-repo')).toMatchObject({
      source: 'tag',
      settings: { rpo: 'PT30M' },
    });

    const actions = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', policy.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((event) => event.action)).toEqual([
      'backup-policy.created',
      'backup-policy.updated',
    ]);
  });

  it('archives a policy, after which the next one in line applies', async () => {
    const own = (await t.call(viewer, 'GET', '/api/v1/backup-policies'))
      .json<{ items: BackupPolicyView[] }>()
      .items.find((policy) => policy.scope.kind === 'asset')!;
    const archived = await t.call(
      engineering,
      'POST',
      `/api/v1/backup-policies/${own.id}/archive`,
      {},
    );
    expect(archived.statusCode).toBe(200);
    expect(archived.json<BackupPolicyView>().archivedAt).not.toBeNull();
    expect(await effective('db-prod-eu')).toMatchObject({ source: 'tag', matched: 'pii' });
    expect(
      (await t.call(engineering, 'POST', `/api/v1/backup-policies/${own.id}/archive`, {}))
        .statusCode,
    ).toBe(409);
    expect(
      (
        await t.call(engineering, 'PATCH', `/api/v1/backup-policies/${own.id}`, {
          expectedVersion: 2,
          name: 'x',
        })
      ).statusCode,
    ).toBe(409);
    const all = (await t.call(viewer, 'GET', '/api/v1/backup-policies?includeArchived=true')).json<{
      items: BackupPolicyView[];
    }>();
    expect(all.items.some((policy) => policy.id === own.id)).toBe(true);
    // A new live policy may now cover the asset again.
    expect(
      (await create({ name: 'EU database v2', scope: { kind: 'asset', asset: 'db-prod-eu' } }))
        .statusCode,
    ).toBe(201);
  });

  it('lets readers read policies and only managers change them', async () => {
    expect(
      (await create({ name: 'Viewer', scope: { kind: 'tag', tag: 'v' } }, viewer)).statusCode,
    ).toBe(403);
    const auditor = await t.tokenFor('auditor');
    expect((await t.call(auditor, 'GET', '/api/v1/backup-policies')).statusCode).toBe(200);
    expect(
      (await create({ name: 'Auditor', scope: { kind: 'tag', tag: 'a' } }, auditor)).statusCode,
    ).toBe(403);
    const quality = await t.tokenFor('quality');
    expect(
      (await create({ name: 'Quality', scope: { kind: 'tag', tag: 'q' } }, quality)).statusCode,
    ).toBe(201);
  });
});
