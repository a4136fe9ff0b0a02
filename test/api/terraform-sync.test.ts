import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DriftReport } from '../../src/modules/terraform/terraform-sync.schema.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { instance, stateOf, type ResourceSpec } from '../fixtures/terraform/state.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('the register kept in step with a Terraform state', () => {
  let t: TestApp;
  let admin: string;
  let viewer: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.tokenFor('admin');
    viewer = await t.tokenFor('viewer');
  });
  afterAll(() => t.close());

  const sync = (body: string, query = '', token = admin) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/register/sync/terraform${query}`,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: body,
    });
  const assetCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('assets')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  async function createAsset(key: string, configurationReference: string): Promise<void> {
    const response = await t.call(admin, 'POST', '/api/v1/assets', {
      key,
      name: key,
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
      configurationReference,
    });
    expect(response.statusCode, response.body).toBe(201);
  }

  const workspace = (prefix: string): ResourceSpec[] => [
    { type: 'aws_db_instance', name: `${prefix}_orders` },
    {
      type: 'aws_db_instance',
      name: `${prefix}_secret`,
      instances: [
        instance(
          { password: 'correct-horse-battery', tags: { plumbline: `${prefix}-secret` } },
          { sensitive_attributes: [[{ type: 'get_attr', value: 'password' }]] },
        ),
      ],
    },
    {
      module: 'module.web',
      type: 'aws_instance',
      name: 'node',
      instances: [instance({ id: 'i-1' }, { index_key: 0 })],
    },
    { mode: 'data', type: 'aws_ami', name: 'ubuntu' },
  ];

  it('reports the drift on a dry run and changes nothing', async () => {
    await createAsset('dry-orders', 'infra/rds#aws_db_instance.dry_orders');
    await createAsset('dry-gone', 'aws_instance.dry_removed');
    const before = await assetCount();
    const response = await sync(JSON.stringify(stateOf(workspace('dry'))));
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<DriftReport>();
    expect(report).toMatchObject({ dryRun: true, applied: false, created: 0, resources: 3 });
    expect(report.dataSourcesSkipped).toBe(1);
    expect(report.matched).toEqual([
      {
        address: 'aws_db_instance.dry_orders',
        asset: 'dry-orders',
        matchedBy: 'configuration-reference',
        lifecycleStatus: 'in-service',
      },
    ]);
    expect(report.resourcesWithoutAsset.map((r) => r.address)).toEqual([
      'aws_db_instance.dry_secret',
      'module.web.aws_instance.node[0]',
    ]);
    expect(report.assetsWithoutResource.map((a) => a.key)).toContain('dry-gone');
    expect(await assetCount()).toBe(before);
  });

  it('creates the missing assets as requested on apply, audited, storing no attribute value', async () => {
    const state = JSON.stringify(stateOf(workspace('apply')));
    const applied = await sync(state, '?apply=true&environment=staging');
    expect(applied.statusCode, applied.body).toBe(200);
    const report = applied.json<DriftReport>();
    expect(report).toMatchObject({ dryRun: false, applied: true, created: 3 });
    const created = await t.call(admin, 'GET', '/api/v1/assets/apply-secret');
    expect(created.json()).toMatchObject({
      lifecycleStatus: 'requested',
      environment: 'staging',
      configurationReference: 'aws_db_instance.apply_secret',
      tags: ['terraform'],
    });
    const history = await t.call(admin, 'GET', '/api/v1/assets/apply-secret/history');
    expect(history.json<{ items: { action: string }[] }>().items[0]!.action).toBe('asset.created');
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'register.terraform_synced')
      .execute();
    expect(audit.length).toBeGreaterThan(0);
    const everything =
      JSON.stringify(await t.ctx.db.selectFrom('audit_events').selectAll().execute()) +
      JSON.stringify(await t.ctx.db.selectFrom('assets').selectAll().execute());
    expect(everything).not.toContain('correct-horse-battery');

    const again = await sync(state, '?apply=true');
    expect(again.json<DriftReport>()).toMatchObject({ applied: false, created: 0 });
    expect(again.json<DriftReport>().resourcesWithoutAsset).toEqual([]);
  });

  it('refuses a state of another version or a truncated one, changing nothing', async () => {
    const before = await assetCount();
    const old = await sync(
      JSON.stringify(stateOf(workspace('old'), { version: 3 })),
      '?apply=true',
    );
    expect(old.statusCode).toBe(400);
    expect(old.json<ErrorBody>().error.message).toMatch(/version 3 is not supported/);
    const text = JSON.stringify(stateOf(workspace('cut')), null, 2);
    const cut = await sync(text.slice(0, Math.floor(text.length / 2)), '?apply=true');
    expect(cut.statusCode).toBe(400);
    expect(cut.json<ErrorBody>().error.message).toMatch(/ends too early|not closed/);
    expect(await assetCount()).toBe(before);
  });

  it('is refused to a role that may not import into the register', async () => {
    expect((await sync(JSON.stringify(stateOf([])), '', viewer)).statusCode).toBe(403);
  });
});
