import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { Posture } from '../../src/modules/posture/posture.schema.js';
import type {
  ReviewCampaignView,
  ReviewItemView,
} from '../../src/modules/inventory-reviews/review.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

type CampaignWithItems = ReviewCampaignView & { items: ReviewItemView[] };

describe('a closed inventory review campaign as the quarterly inventory review', () => {
  let t: TestApp;
  let clock: FixedClock;
  let admin: string;
  let quality: string;

  async function occurrence(periodKey: string): Promise<OccurrenceView> {
    const response = await t.call(
      admin,
      'GET',
      '/api/v1/occurrences?control=inventory-review-quarterly',
    );
    const found = response
      .json<{ items: OccurrenceView[] }>()
      .items.find((item) => item.periodKey === periodKey);
    if (!found) throw new Error(`no inventory review occurrence for ${periodKey}`);
    return found;
  }

  async function startCampaign(name: string): Promise<CampaignWithItems> {
    const started = await t.call(quality, 'POST', '/api/v1/reviews', { name, dueOn: '2026-06-30' });
    expect(started.statusCode).toBe(201);
    const id = started.json<ReviewCampaignView>().id;
    return (await t.call(admin, 'GET', `/api/v1/reviews/${id}`)).json<CampaignWithItems>();
  }

  // Each story gets its own app: one closes the quarter the other expects open, and moves the clock.
  beforeEach(async () => {
    clock = new FixedClock('2026-05-12T09:00:00Z');
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    quality = await t.tokenFor('quality');
    for (const key of ['db-prod', 'web-prod']) {
      const created = await t.call(quality, 'POST', '/api/v1/assets', {
        key,
        name: key,
        category: 'server',
        environment: 'production',
        ownerRole: 'quality',
        criticality: 'low',
        dataClassification: 'internal',
      });
      expect(created.statusCode).toBe(201);
    }
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-01-01T00:00:00Z',
      until: '2026-07-31T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
  });
  afterEach(() => t.close());

  it('leaves the quarter open when the campaign closes with items pending', async () => {
    const campaign = await startCampaign('Partial review');
    const closed = await t.call(quality, 'POST', `/api/v1/reviews/${campaign.id}/close`);
    expect(closed.statusCode).toBe(200);
    const q2 = await occurrence('2026-Q2');
    expect(q2.status).toBe('due');
    expect(q2.events).toEqual([]);
  });

  it('completes and verifies the quarter, as the closer, when every asset has a decision', async () => {
    const campaign = await startCampaign('Inventory review 2026 Q2');
    for (const item of campaign.items) {
      const answered = await t.call(
        quality,
        'POST',
        `/api/v1/reviews/${campaign.id}/items/${item.id}`,
        { decision: 'confirmed' },
      );
      expect(answered.statusCode).toBe(200);
    }
    clock.set('2026-05-20T15:00:00Z');
    const closed = await t.call(quality, 'POST', `/api/v1/reviews/${campaign.id}/close`);
    expect(closed.statusCode).toBe(200);

    const q2 = await occurrence('2026-Q2');
    expect(q2.status).toBe('verified');
    expect(q2.events.map((event) => [event.kind, event.at])).toEqual([
      ['completed', '2026-05-20T15:00:00.000Z'],
      ['verified', '2026-05-20T15:00:00.000Z'],
    ]);
    expect(q2.events[0]!.note).toBe(
      'Inventory review campaign "Inventory review 2026 Q2" closed with a decision on all 2 asset(s): 2 confirmed, 0 corrected.',
    );
    expect(q2.events[0]!.actorLabel).toMatch(/quality/);
    expect((await occurrence('2026-Q1')).events).toEqual([]);

    const audit = (
      await t.call(
        admin,
        'GET',
        `/api/v1/audit/events?entityType=review_campaign&entityId=${campaign.id}`,
      )
    ).json<{ items: AuditEventView[] }>().items;
    const closure = audit.find((event) => event.action === 'review_campaign.closed');
    expect(closure?.after).toMatchObject({ satisfiedOccurrenceId: q2.id });

    // Q1 passed without a review, so the control still fails; Q2 counts as verified.
    const posture = (await t.call(admin, 'GET', '/api/v1/posture')).json<Posture>();
    const control = posture.controls.find((item) => item.key === 'inventory-review-quarterly');
    expect(control?.evaluation).toBe('automatic:inventory-reviews');
    expect(control?.currentOccurrences).toMatchObject({ verified: 1, failing: 1 });
  });
});
