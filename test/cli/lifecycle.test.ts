import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DecommissioningRecordDetail,
  ProvisioningRequestDetail,
  ProvisioningRequestView,
} from '../../src/modules/provisioning/provisioning.schema.js';
import type { AssetView } from '../../src/modules/register/asset.schema.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { plumbline } from './cli-harness.js';

describe('plumbline provisioning and decommissioning', () => {
  let t: TestApp;
  let url: string;
  let admin: string;
  let engineer: string;
  let viewer: string;
  let checkerEmail: string;
  const as = (token: string, ...argv: string[]) =>
    plumbline(['--url', url, '--token', token, ...argv]);
  const asPerson = (...argv: string[]) =>
    plumbline(['--url', url, ...argv], { PLUMBLINE_PASSWORD: TEST_PASSWORD });

  async function newAsset(key: string, lifecycleStatus: string): Promise<void> {
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key,
      name: `Asset ${key}`,
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
      lifecycleStatus,
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  const lifecycleOf = async (key: string) =>
    (await t.call(admin, 'GET', `/api/v1/assets/${key}`)).json<AssetView>().lifecycleStatus;

  beforeAll(async () => {
    t = await createTestApp({ env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    url = await t.app.listen({ port: 0, host: '127.0.0.1' });
    admin = await t.tokenFor('admin');
    engineer = await t.tokenFor('engineering');
    viewer = await t.tokenFor('viewer');
    checkerEmail = (await t.createUser('quality')).email;
  });
  afterAll(() => t.close());

  it('requests, approves, starts and verifies provisioning until the asset may go into service', async () => {
    await newAsset('orders-db', 'requested');
    const requested = await as(
      engineer,
      '--json',
      'provisioning',
      'request',
      '--asset',
      'orders-db',
      '--purpose',
      'Orders database for the EU shop',
      '--requirements',
      'PostgreSQL 16, 500 GB',
      '--security-considerations',
      'Encrypted at rest; no public endpoint',
      '--criterion',
      'Restores from backup within 4 h',
      'No public network access',
      '--configuration-reference',
      'infra/rds#aws_db_instance.orders',
    );
    expect(requested.code, requested.stderr).toBe(0);
    const request = JSON.parse(requested.stdout) as ProvisioningRequestDetail;
    expect(request).toMatchObject({ status: 'requested', asset: { key: 'orders-db' } });
    expect(request.acceptanceCriteria.map((c) => c.criterion)).toEqual([
      'Restores from backup within 4 h',
      'No public network access',
    ]);

    const listed = await as(engineer, '--json', 'provisioning', 'list', '--asset', 'orders-db');
    expect((JSON.parse(listed.stdout) as ProvisioningRequestView[]).map((r) => r.id)).toEqual([
      request.id,
    ]);
    expect((await as(engineer, 'provisioning', 'list')).stdout).toMatch(
      new RegExp(`${request.number}\\s+orders-db\\s+requested`),
    );

    const noPassword = await plumbline([
      '--url',
      url,
      'provisioning',
      'approve',
      request.id,
      '--email',
      checkerEmail,
    ]);
    expect(noPassword.code).toBe(2);
    expect(noPassword.stderr).toContain('PLUMBLINE_PASSWORD');
    const approved = await asPerson(
      'provisioning',
      'approve',
      request.id,
      '--email',
      checkerEmail,
      '--note',
      'Needed for the launch',
    );
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`Approved ${request.number}`);

    const started = await as(engineer, 'provisioning', 'start', request.id);
    expect(started.code, started.stderr).toBe(0);
    expect(await lifecycleOf('orders-db')).toBe('provisioning');

    const first = await asPerson(
      'provisioning',
      'verify',
      request.id,
      '1',
      '--email',
      checkerEmail,
      '--observation',
      'Restored last night’s backup in 2 h 10 min',
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 still to verify');
    const last = await asPerson(
      '--json',
      'provisioning',
      'verify',
      request.id,
      '2',
      '--email',
      checkerEmail,
      '--observation',
      'No public IP; security group allows the VPC only',
    );
    expect(last.code, last.stderr).toBe(0);
    expect(JSON.parse(last.stdout)).toMatchObject({ status: 'verified' });

    const shown = await as(engineer, 'provisioning', 'show', request.id);
    expect(shown.stdout).toContain('criterion 2: No public network access — verified by');
    const moved = await t.call(admin, 'PATCH', '/api/v1/assets/orders-db', {
      lifecycleStatus: 'in-service',
    });
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('records a decommissioning record, completes it and signs it', async () => {
    await newAsset('old-db', 'in-service');
    const created = await as(
      engineer,
      '--json',
      'decommissioning',
      'create',
      '--asset',
      'old-db',
      '--retention-decision',
      'Order records kept 10 years: archived',
      '--data-disposition',
      'archived',
      '--data-location',
      's3://acme-archive/old-db',
      '--sanitisation-method',
      'purge',
      '--removed',
      'access',
    );
    expect(created.code, created.stderr).toBe(0);
    const record = JSON.parse(created.stdout) as DecommissioningRecordDetail;
    expect(record).toMatchObject({ status: 'draft', accessRemoved: true });
    expect(record.missing.length).toBeGreaterThan(0);
    expect(await lifecycleOf('old-db')).toBe('decommissioning');

    const incomplete = await asPerson(
      'decommissioning',
      'sign',
      record.id,
      '--email',
      checkerEmail,
    );
    expect(incomplete.code).not.toBe(0);
    expect(incomplete.stderr).toMatch(/DNS entries are not recorded/);

    const updated = await as(
      engineer,
      'decommissioning',
      'update',
      record.id,
      '--removed',
      'dns',
      'certificates',
      'monitoring',
      '--sanitisation-reference',
      'CERT-2026-114',
    );
    expect(updated.code, updated.stderr).toBe(0);
    expect(updated.stdout).toContain('is complete and may be signed');

    const signed = await asPerson('decommissioning', 'sign', record.id, '--email', checkerEmail);
    expect(signed.code, signed.stderr).toBe(0);
    expect(signed.stdout).toContain('old-db may now become decommissioned');
    const listed = await as(engineer, 'decommissioning', 'list', '--status', 'signed');
    expect(listed.stdout).toContain(record.number);
    const shown = await as(engineer, 'decommissioning', 'show', record.id);
    expect(shown.stdout).toContain('sanitisation: purge (CERT-2026-114)');
  });

  it('names the bad field of a malformed request, and refuses a role without access', async () => {
    await newAsset('bad-db', 'requested');
    const bad = await as(
      engineer,
      'decommissioning',
      'create',
      '--asset',
      'bad-db',
      '--retention-decision',
      'Nothing to keep',
      '--data-disposition',
      'migrated',
      '--sanitisation-method',
      'clear',
    );
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('dataLocation');
    expect((await as(viewer, 'provisioning', 'start', crypto.randomUUID())).code).not.toBe(0);
  });
});
