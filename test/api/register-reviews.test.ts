import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { AssetView } from '../../src/modules/register/asset.schema.js';
import type {
  ReviewCampaignView,
  ReviewItemView,
} from '../../src/modules/inventory-reviews/review.schema.js';
import type { AuditChainReport } from '../../src/platform/audit/verify-audit-chain.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// 22:30 UTC on 31 March is already 1 April in Europe/Berlin, the test organisation's time zone:
// a review answered now counts as done on 1 April and the next one falls due on 1 July.
const NOW = '2026-03-31T22:30:00.000Z';
const TODAY_IN_BERLIN = '2026-04-01';
const NEXT_REVIEW = '2026-07-01';

type CampaignWithItems = ReviewCampaignView & { items: ReviewItemView[] };

/** Each test starts from an inventory of its own and takes the steps it needs itself. */
describe('inventory review campaigns', () => {
  let t: TestApp;
  let quality: string;
  let engineering: string;
  let security: string;
  let auditor: string;
  let campaign: CampaignWithItems;

  async function createAsset(body: Record<string, unknown>): Promise<void> {
    const response = await t.call(quality, 'POST', '/api/v1/assets', {
      category: 'server',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'low',
      dataClassification: 'internal',
      ...body,
    });
    expect(response.statusCode).toBe(201);
  }

  async function getCampaign(id: string): Promise<CampaignWithItems> {
    const response = await t.call(auditor, 'GET', `/api/v1/reviews/${id}`);
    expect(response.statusCode).toBe(200);
    return response.json<CampaignWithItems>();
  }

  async function getAsset(key: string): Promise<AssetView> {
    return (await t.call(auditor, 'GET', `/api/v1/assets/${key}`)).json<AssetView>();
  }

  function itemFor(assetKey: string): ReviewItemView {
    const item = campaign.items.find((candidate) => candidate.assetKey === assetKey);
    if (!item) throw new Error(`no review item for ${assetKey}`);
    return item;
  }

  function answer(token: string, assetKey: string, body: Record<string, unknown>) {
    return t.call(
      token,
      'POST',
      `/api/v1/reviews/${campaign.id}/items/${itemFor(assetKey).id}`,
      body,
    );
  }

  beforeEach(async () => {
    t = await createTestApp({ clock: new FixedClock(NOW) });
    quality = await t.tokenFor('quality');
    engineering = await t.tokenFor('engineering');
    security = await t.tokenFor('security');
    auditor = await t.tokenFor('auditor');
    await createAsset({
      key: 'db-prod',
      name: 'Production database',
      category: 'database',
      purpose: 'Customer records',
      criticality: 'critical',
      criticalityRationale: 'Every customer record',
      tags: ['pii'],
    });
    await createAsset({
      key: 'firewall',
      name: 'Perimeter firewall',
      category: 'network',
      purpose: 'Filters inbound traffic',
      ownerRole: 'security',
      tags: ['edge'],
    });
    await createAsset({ key: 'lab-server', name: 'Lab server', environment: 'development' });
    await createAsset({ key: 'old-nas', name: 'Old NAS', lifecycleStatus: 'decommissioned' });
    await createAsset({
      key: 'printer',
      name: 'Office printer',
      category: 'equipment',
      environment: 'corporate',
      ownerRole: 'security',
    });
  });
  afterEach(() => t.close());

  /** The production review of the first quarter: db-prod and firewall, both pending. */
  async function startProductionReview(): Promise<ReviewCampaignView> {
    const response = await t.call(quality, 'POST', '/api/v1/reviews', {
      name: 'Inventory review 2026 Q2',
      dueOn: '2026-04-30',
      scope: { environment: 'production' },
    });
    expect(response.statusCode).toBe(201);
    const started = response.json<ReviewCampaignView>();
    campaign = await getCampaign(started.id);
    return started;
  }
  async function confirmDatabase(): Promise<void> {
    expect((await answer(engineering, 'db-prod', { decision: 'confirmed' })).statusCode).toBe(200);
  }
  async function correctFirewall(): Promise<void> {
    const response = await answer(security, 'firewall', {
      decision: 'corrected',
      note: 'Region and rating were missing',
      changes: {
        region: 'eu-central-1',
        criticality: 'high',
        criticalityRationale: 'All inbound traffic passes through it',
      },
    });
    expect(response.statusCode).toBe(200);
  }

  it.each(['auditor', 'engineering'] as const)('does not let %s start a campaign', async (role) => {
    const token = await t.tokenFor(role);
    const response = await t.call(token, 'POST', '/api/v1/reviews', {
      name: 'Not allowed',
      dueOn: '2026-04-30',
    });
    expect(response.statusCode).toBe(403);
  });

  it('refuses a scope that matches no asset', async () => {
    const response = await t.call(quality, 'POST', '/api/v1/reviews', {
      name: 'Nothing to see',
      dueOn: '2026-04-30',
      scope: { category: 'transport' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.issues).toEqual([
      { path: 'body.scope', message: 'matches no asset' },
    ]);
  });

  it('starts a campaign over the in-use assets in scope, one pending item each', async () => {
    const started = await startProductionReview();
    expect(started).toMatchObject({
      name: 'Inventory review 2026 Q2',
      status: 'open',
      dueOn: '2026-04-30',
      startedAt: NOW,
      closedAt: null,
      progress: { total: 2, pending: 2, confirmed: 0, corrected: 0 },
    });
    expect(campaign.items.map((item) => [item.assetKey, item.ownerRole, item.status])).toEqual([
      ['db-prod', 'engineering', 'pending'],
      ['firewall', 'security', 'pending'],
    ]);
  });

  it('lets the owner role confirm, stamping the review date in the org time zone', async () => {
    await startProductionReview();
    const before = await getAsset('db-prod');
    const response = await answer(engineering, 'db-prod', { decision: 'confirmed' });
    expect(response.statusCode).toBe(200);
    expect(response.json<ReviewItemView>()).toMatchObject({
      assetKey: 'db-prod',
      status: 'confirmed',
      decidedBy: expect.stringMatching(/^token:engineering/) as unknown,
      decidedAt: NOW,
      note: '',
      changes: null,
    });
    expect(await getAsset('db-prod')).toEqual({
      ...before,
      lastReviewedOn: TODAY_IN_BERLIN,
      nextReviewDueOn: NEXT_REVIEW,
      version: before.version + 1,
    });
    const history = await t.call(auditor, 'GET', '/api/v1/assets/db-prod/history');
    expect(history.json<{ items: AuditEventView[] }>().items[0]).toMatchObject({
      action: 'asset.reviewed',
      before: { lastReviewedOn: null, nextReviewDueOn: null },
      after: { lastReviewedOn: TODAY_IN_BERLIN, nextReviewDueOn: NEXT_REVIEW },
    });
  });

  it('refuses a second answer for the same item', async () => {
    await startProductionReview();
    await confirmDatabase();
    const response = await answer(engineering, 'db-prod', { decision: 'confirmed' });
    expect(response.statusCode).toBe(409);
    expect(response.json<ErrorBody>().error.message).toMatch(/already confirmed by token:/);
  });

  it('does not let a role that neither owns the asset nor manages reviews answer', async () => {
    await startProductionReview();
    await confirmDatabase();
    const response = await answer(engineering, 'firewall', { decision: 'confirmed' });
    expect(response.statusCode).toBe(403);
    expect((await getCampaign(campaign.id)).progress.pending).toBe(1);
  });

  it('keeps the item pending when a correction would leave the asset invalid', async () => {
    await startProductionReview();
    const response = await answer(security, 'firewall', {
      decision: 'corrected',
      note: 'It is critical',
      changes: { criticality: 'critical' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json<ErrorBody>().error.issues).toEqual([
      {
        path: 'body.changes.criticalityRationale',
        message: 'is required when criticality is critical',
      },
    ]);
    const current = await getCampaign(campaign.id);
    expect(current.items.find((item) => item.assetKey === 'firewall')?.status).toBe('pending');
    expect((await getAsset('firewall')).version).toBe(1);
  });

  it('applies a correction, keeps the fields it does not name and records the change', async () => {
    await startProductionReview();
    const before = await getAsset('firewall');
    const changes = {
      region: 'eu-central-1',
      criticality: 'high',
      criticalityRationale: 'All inbound traffic passes through it',
    };
    const response = await answer(security, 'firewall', {
      decision: 'corrected',
      note: 'Region and rating were missing',
      changes,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<ReviewItemView>()).toMatchObject({
      status: 'corrected',
      note: 'Region and rating were missing',
      changes,
    });
    expect(await getAsset('firewall')).toEqual({
      ...before,
      ...changes,
      lastReviewedOn: TODAY_IN_BERLIN,
      nextReviewDueOn: NEXT_REVIEW,
      version: before.version + 1,
    });
    const history = await t.call(auditor, 'GET', '/api/v1/assets/firewall/history');
    expect(history.json<{ items: AuditEventView[] }>().items[0]).toMatchObject({
      action: 'asset.corrected_in_review',
      before: { region: '', criticality: 'low', purpose: 'Filters inbound traffic' },
      after: { region: 'eu-central-1', criticality: 'high', purpose: 'Filters inbound traffic' },
    });
  });

  it('shows the progress of the campaign', async () => {
    await startProductionReview();
    await confirmDatabase();
    await correctFirewall();
    const list = await t.call(auditor, 'GET', '/api/v1/reviews');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: ReviewCampaignView[] }>().items).toEqual([
      expect.objectContaining({
        id: campaign.id,
        progress: { total: 2, pending: 0, confirmed: 1, corrected: 1 },
      }),
    ]);
  });

  it('lets the review manager answer for an asset owned by another role', async () => {
    const started = await t.call(quality, 'POST', '/api/v1/reviews', {
      name: 'Office equipment',
      dueOn: '2026-04-30',
      scope: { environment: 'corporate' },
    });
    expect(started.statusCode).toBe(201);
    const office = await getCampaign(started.json<ReviewCampaignView>().id);
    const [item] = office.items as [ReviewItemView];
    expect(item).toMatchObject({ assetKey: 'printer', ownerRole: 'security' });
    const response = await t.call(
      quality,
      'POST',
      `/api/v1/reviews/${office.id}/items/${item.id}`,
      { decision: 'confirmed', note: 'Checked on site' },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json<ReviewItemView>()).toMatchObject({
      status: 'confirmed',
      decidedBy: expect.stringMatching(/^token:quality/) as unknown,
      note: 'Checked on site',
    });
    expect((await getAsset('printer')).lastReviewedOn).toBe(TODAY_IN_BERLIN);
  });

  describe('a closed campaign', () => {
    let second: CampaignWithItems;

    beforeEach(async () => {
      const response = await t.call(quality, 'POST', '/api/v1/reviews', {
        name: 'Development estate',
        dueOn: '2026-05-31',
        scope: { environment: 'development' },
      });
      expect(response.statusCode).toBe(201);
      second = await getCampaign(response.json<ReviewCampaignView>().id);
    });

    it('cannot be closed by an auditor', async () => {
      const response = await t.call(auditor, 'POST', `/api/v1/reviews/${second.id}/close`);
      expect(response.statusCode).toBe(403);
    });

    it('closes with its pending items left on record', async () => {
      const response = await t.call(quality, 'POST', `/api/v1/reviews/${second.id}/close`);
      expect(response.statusCode).toBe(200);
      expect(response.json<ReviewCampaignView>()).toMatchObject({
        status: 'closed',
        closedAt: NOW,
        progress: { total: 1, pending: 1, confirmed: 0, corrected: 0 },
      });
    });

    it('takes no more answers and cannot be closed twice', async () => {
      expect((await t.call(quality, 'POST', `/api/v1/reviews/${second.id}/close`)).statusCode).toBe(
        200,
      );
      const [item] = second.items as [ReviewItemView];
      const late = await t.call(
        engineering,
        'POST',
        `/api/v1/reviews/${second.id}/items/${item.id}`,
        { decision: 'confirmed' },
      );
      expect(late.statusCode).toBe(409);
      expect(late.json<ErrorBody>().error.message).toBe('This review campaign is closed');
      expect((await getAsset('lab-server')).lastReviewedOn).toBeNull();
      const again = await t.call(quality, 'POST', `/api/v1/reviews/${second.id}/close`);
      expect(again.statusCode).toBe(409);
    });
  });

  it('keeps the audit chain valid', async () => {
    const admin = await t.tokenFor('admin');
    const response = await t.call(admin, 'GET', '/api/v1/audit/verify');
    expect(response.json<AuditChainReport>()).toMatchObject({ valid: true, firstBroken: null });
  });
});
