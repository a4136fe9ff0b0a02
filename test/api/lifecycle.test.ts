import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  DecommissioningRecordDetail,
  ProvisioningRequestDetail,
} from '../../src/modules/provisioning/provisioning.schema.js';
import type { AssetView } from '../../src/modules/register/asset.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, uploadAs, type Person } from '../support/factory.js';

describe('provisioning and decommissioning drive the asset lifecycle', () => {
  const clock = new FixedClock('2026-04-01T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let requester: Person;
  let builder: Person;
  let checker: Person;
  let assets = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    requester = await signedInPerson(t, 'engineering');
    builder = await signedInPerson(t, 'engineering');
    checker = await signedInPerson(t, 'quality');
  });
  afterAll(() => t.close());

  async function newAsset(lifecycleStatus: string): Promise<string> {
    assets += 1;
    const key = `lifecycle-${assets}`;
    const response = await t.call(admin, 'POST', '/api/v1/assets', {
      key,
      name: `Asset ${key}`,
      category: 'database',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
      lifecycleStatus,
    });
    expect(response.statusCode, response.body).toBe(201);
    return key;
  }
  const moveTo = (key: string, lifecycleStatus: string) =>
    t.call(admin, 'PATCH', `/api/v1/assets/${key}`, { lifecycleStatus });
  const assetOf = async (key: string) =>
    (await t.call(admin, 'GET', `/api/v1/assets/${key}`)).json<AssetView>();

  async function request(asset: string): Promise<ProvisioningRequestDetail> {
    const response = await requester.call('POST', '/api/v1/provisioning-requests', {
      asset,
      purpose: 'Orders database for the EU shop',
      requirements: 'PostgreSQL 16, 500 GB, multi-AZ',
      securityConsiderations: 'Encrypted at rest with a customer key; no public endpoint',
      acceptanceCriteria: ['Restores from backup within 4 h', 'No public network access'],
      configurationReference: 'infra/rds#aws_db_instance.orders',
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<ProvisioningRequestDetail>();
  }
  const approve = (person: Person, id: string, password = TEST_PASSWORD) =>
    person.call('POST', `/api/v1/provisioning-requests/${id}/approval`, {
      note: 'Needed for the EU launch',
      password,
    });
  const verify = (person: Person, id: string, position: number) =>
    person.call('POST', `/api/v1/provisioning-requests/${id}/criteria/${position}/verification`, {
      observation: 'Checked and seen to hold',
      password: TEST_PASSWORD,
    });

  async function provisionedUpTo(stage: 'approved' | 'provisioning'): Promise<{
    key: string;
    id: string;
  }> {
    const key = await newAsset('requested');
    const { id } = await request(key);
    expect((await approve(checker, id)).statusCode).toBe(200);
    if (stage === 'provisioning') {
      const started = await builder.call('POST', `/api/v1/provisioning-requests/${id}/start`);
      expect(started.statusCode, started.body).toBe(200);
    }
    return { key, id };
  }

  it('refuses in-service without a provisioning request, naming what is missing', async () => {
    const key = await newAsset('requested');
    const refused = await moveTo(key, 'in-service');
    expect(refused.statusCode).toBe(409);
    expect(refused.json<ErrorBody>().error.message).toMatch(
      /cannot enter in-service: it has no provisioning request/,
    );
    expect((await assetOf(key)).lifecycleStatus).toBe('requested');
  });

  it('lets only someone other than the requester approve, by signature', async () => {
    const key = await newAsset('requested');
    const { id } = await request(key);
    const own = await approve(requester, id);
    expect(own.statusCode).toBe(409);
    expect(own.json<ErrorBody>().error.message).toMatch(/cannot be approved by its requester/);
    expect((await approve(checker, id, 'not the password')).statusCode).toBe(401);
    const refused = await moveTo(key, 'in-service');
    expect(refused.json<ErrorBody>().error.message).toMatch(/PRQ-\d{4} is not approved yet/);
    const approved = await approve(checker, id);
    expect(approved.statusCode, approved.body).toBe(200);
    const detail = approved.json<ProvisioningRequestDetail>();
    expect(detail).toMatchObject({ status: 'approved', approvedBy: checker.signerLabel });
    const signature = await t.ctx.db
      .selectFrom('signatures')
      .select(['meaning', 'entity_type'])
      .where('id', '=', detail.approvalSignatureId!)
      .executeTakeFirstOrThrow();
    expect(signature).toEqual({ meaning: 'approved', entity_type: 'provisioning_request' });
    expect((await moveTo(key, 'in-service')).json<ErrorBody>().error.message).toMatch(
      /provisioning under PRQ-\d{4} has not started/,
    );
  });

  it('verifies each criterion by someone other than the implementer, then lets the asset into service', async () => {
    const { key, id } = await provisionedUpTo('provisioning');
    expect((await assetOf(key)).lifecycleStatus).toBe('provisioning');
    const own = await verify(builder, id, 1);
    expect(own.statusCode).toBe(409);
    expect(own.json<ErrorBody>().error.message).toMatch(/person who provisioned the asset/);
    const asBuilder = await builder.call('GET', `/api/v1/provisioning-requests/${id}`);
    expect(asBuilder.json<ProvisioningRequestDetail>().abilities.verifyCriteria).toEqual({
      allowed: false,
      reason: 'an acceptance criterion cannot be verified by the person who provisioned the asset',
    });
    expect((await verify(checker, id, 1)).statusCode).toBe(200);
    expect((await verify(checker, id, 1)).statusCode).toBe(409);
    expect((await moveTo(key, 'in-service')).json<ErrorBody>().error.message).toMatch(
      /1 acceptance criteria of PRQ-\d{4} are not verified/,
    );
    const last = await verify(checker, id, 2);
    expect(last.statusCode, last.body).toBe(200);
    const detail = last.json<ProvisioningRequestDetail>();
    expect(detail.status).toBe('verified');
    expect(detail.acceptanceCriteria.map((c) => c.verifiedBy)).toEqual([
      checker.signerLabel,
      checker.signerLabel,
    ]);
    expect((await assetOf(key)).lifecycleStatus).toBe('verified');
    const moved = await moveTo(key, 'in-service');
    expect(moved.statusCode, moved.body).toBe(200);
  });

  it('meets both provisioning controls when the request is fully verified', async () => {
    const { key, id } = await provisionedUpTo('provisioning');
    await verify(checker, id, 1);
    await verify(checker, id, 2);
    const occurrences = await t.ctx.db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .innerJoin('trigger_events', 'trigger_events.id', 'occurrences.trigger_event_id')
      .innerJoin('occurrence_state', 'occurrence_state.occurrence_id', 'occurrences.id')
      .select(['controls.key', 'occurrence_state.work_state as status'])
      .where('trigger_events.external_id', '=', `provisioning-request:${id}`)
      .orderBy('controls.key')
      .execute();
    expect(occurrences).toEqual([
      { key: 'provisioning-request-approval', status: 'verified' },
      { key: 'provisioning-verification', status: 'verified' },
    ]);
    expect(key).toBeTruthy();
  });

  it('lets a pre-existing asset into service with an audited reason', async () => {
    const key = await newAsset('requested');
    const marked = await t.call(admin, 'POST', `/api/v1/assets/${key}/pre-existing`, {
      reason: 'Built in 2024 before Plumbline; found by the Terraform sync',
    });
    expect(marked.statusCode, marked.body).toBe(201);
    expect(
      (await t.call(admin, 'POST', `/api/v1/assets/${key}/pre-existing`, { reason: 'again' }))
        .statusCode,
    ).toBe(409);
    expect((await moveTo(key, 'in-service')).statusCode).toBe(200);
    const history = await t.call(admin, 'GET', `/api/v1/assets/${key}/history`);
    expect(history.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toContain(
      'asset.marked_pre_existing',
    );
  });

  it('registers an asset created directly in service as pre-existing', async () => {
    const key = await newAsset('in-service');
    const mark = await t.ctx.db
      .selectFrom('asset_pre_existing')
      .innerJoin('assets', 'assets.id', 'asset_pre_existing.asset_id')
      .select('reason')
      .where('assets.key', '=', key)
      .executeTakeFirstOrThrow();
    expect(mark.reason).toBe('Registered as in-service');
  });

  it('refuses decommissioned without a signed, complete decommissioning record', async () => {
    const key = await newAsset('in-service');
    expect((await moveTo(key, 'decommissioned')).json<ErrorBody>().error.message).toMatch(
      /cannot become decommissioned: it has no decommissioning record/,
    );
    const created = await requester.call('POST', '/api/v1/decommissioning-records', {
      asset: key,
      retentionDecision: 'Order records kept 10 years: archived; logs past retention: destroyed',
      dataDisposition: 'archived',
      dataLocation: 's3://acme-archive/orders-2026',
      sanitisationMethod: 'purge',
      accessRemoved: true,
    });
    expect(created.statusCode, created.body).toBe(201);
    const record = created.json<DecommissioningRecordDetail>();
    expect(record.missing).toHaveLength(4);
    expect((await assetOf(key)).lifecycleStatus).toBe('decommissioning');
    const incomplete = await checker.call(
      'POST',
      `/api/v1/decommissioning-records/${record.id}/signature`,
      { password: TEST_PASSWORD },
    );
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json<ErrorBody>().error.message).toMatch(/DNS entries are not recorded/);
    expect((await moveTo(key, 'decommissioned')).json<ErrorBody>().error.message).toMatch(
      /DCM-\d{4} is not signed/,
    );

    const ticked = await requester.call('PATCH', `/api/v1/decommissioning-records/${record.id}`, {
      dnsRemoved: true,
      certificatesRemoved: true,
      monitoringRemoved: true,
    });
    expect(ticked.json<DecommissioningRecordDetail>().missing).toEqual([
      'no sanitisation certificate: give its reference or attach it as evidence',
    ]);
    const upload = await uploadAs(
      t,
      requester,
      `/api/v1/decommissioning-records/${record.id}/evidence`,
      'purge-certificate.pdf',
      Buffer.from('%PDF-1.4 certificate of sanitisation'),
    );
    expect(upload.statusCode, upload.body).toBe(201);
    const signed = await checker.call(
      'POST',
      `/api/v1/decommissioning-records/${record.id}/signature`,
      { password: TEST_PASSWORD, note: 'Checked the certificate' },
    );
    expect(signed.statusCode, signed.body).toBe(200);
    expect(signed.json<DecommissioningRecordDetail>()).toMatchObject({
      status: 'signed',
      signedBy: checker.signerLabel,
      missing: [],
    });
    expect(
      (
        await requester.call('PATCH', `/api/v1/decommissioning-records/${record.id}`, {
          dnsRemoved: false,
        })
      ).statusCode,
    ).toBe(409);
    expect((await moveTo(key, 'decommissioned')).statusCode).toBe(200);
    const occurrences = await t.ctx.db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .innerJoin('trigger_events', 'trigger_events.id', 'occurrences.trigger_event_id')
      .innerJoin('occurrence_state', 'occurrence_state.occurrence_id', 'occurrences.id')
      .select(['controls.key', 'occurrence_state.work_state as status'])
      .where('trigger_events.external_id', 'like', `decommissioning-record:${record.id}:%`)
      .orderBy('controls.key')
      .execute();
    expect(occurrences).toEqual([
      { key: 'decommissioning-closeout-7d', status: 'verified' },
      { key: 'decommissioning-retention-review', status: 'verified' },
    ]);
  });

  it('names the field of a malformed request', async () => {
    const response = await requester.call('POST', '/api/v1/provisioning-requests', {
      asset: 'lifecycle-1',
      purpose: 'x',
      requirements: 'x',
      securityConsiderations: 'x',
      acceptanceCriteria: [],
      configurationReference: 'x',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('acceptanceCriteria');
  });

  it('lists requests a page at a time', async () => {
    await provisionedUpTo('approved');
    const first = await t.call(admin, 'GET', '/api/v1/provisioning-requests?limit=1');
    const page = first.json<{ items: unknown[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(1);
    expect(page.nextCursor).not.toBeNull();
    const second = await t.call(
      admin,
      'GET',
      `/api/v1/provisioning-requests?limit=1&cursor=${page.nextCursor!}`,
    );
    expect(second.statusCode).toBe(200);
  });
});
