import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type {
  AccessReviewCampaignView,
  AccessReviewDetail,
  AccessReviewItemView,
} from '../../src/modules/access-reviews/access-review.schema.js';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { accountsFixture, createSystem, upload } from './accounts.fixtures.js';
import { signedInPerson, type Person } from '../support/factory.js';

const ACCOUNTS_HEADER = 'username,email,roles,privileged,mfa_enabled,disabled,last_login';
const THREE_ACCOUNTS = [
  ACCOUNTS_HEADER,
  'alice@example.test,,admin,true,true,false,',
  'bob@example.test,,developer,false,true,false,',
  'deploy-bot,,deployer,false,,false,',
].join('\n');

describe('quarterly access reviews', () => {
  let t: TestApp;
  let clock: FixedClock;
  let security: string;
  let systems = 0;

  /** A system (owned by the security role) with the given accounts listing, for one test. */
  async function systemWith(csv: string, takenAt = '2026-12-01T08:00:00Z'): Promise<string> {
    systems += 1;
    const key = `review-system-${systems}`;
    await createSystem(t, security, key);
    await ingest(key, csv, takenAt);
    return key;
  }

  async function ingest(asset: string, csv: string, takenAt: string): Promise<void> {
    const url = `/api/v1/accounts/import?asset=${asset}&format=csv&takenAt=${encodeURIComponent(takenAt)}`;
    const response = await upload(t, security, url, `${csv}\n`);
    expect(response.statusCode, response.body).toBe(200);
  }

  async function start(asset: string, extra: Record<string, unknown> = {}) {
    const response = await t.call(security, 'POST', '/api/v1/access-reviews', { asset, ...extra });
    expect(response.statusCode, response.body).toBe(201);
    return response.json<AccessReviewCampaignView>();
  }

  async function items(session: Person, id: string, query = ''): Promise<AccessReviewItemView[]> {
    const response = await session.call('GET', `/api/v1/access-reviews/${id}/items${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ items: AccessReviewItemView[] }>().items;
  }

  beforeAll(async () => {
    clock = new FixedClock('2026-12-01T10:00:00Z');
    t = await createTestApp({ clock, env: { PLUMBLINE_REQUIRE_MFA: 'false' } });
    security = await t.tokenFor('security');
    const people = await upload(
      t,
      security,
      '/api/v1/people/import',
      accountsFixture('people.csv'),
    );
    expect(people.statusCode, people.body).toBe(200);
  });
  beforeEach(() => {
    clock.set('2026-12-01T10:00:00Z');
  });
  afterAll(async () => {
    await t.close();
  });

  it('reviews every account of the latest snapshot to a signed campaign that meets the quarter', async () => {
    const owner = await signedInPerson(t, 'security');
    const asset = await systemWith(THREE_ACCOUNTS);
    await generateOccurrences(t.ctx, {
      from: new Date('2026-10-01T00:00:00Z'),
      until: new Date('2027-01-01T00:00:00Z'),
    });
    const campaign = await start(asset);
    expect(campaign).toMatchObject({
      asset,
      quarter: '2026-Q4',
      status: 'open',
      snapshotTakenAt: '2026-12-01T08:00:00.000Z',
      progress: { total: 3, pending: 3, keep: 0, revoke: 0, change: 0, outstanding: 0 },
    });
    expect((await items(owner, campaign.id)).map((item) => [item.username, item.roles])).toEqual([
      ['alice@example.test', ['admin']],
      ['bob@example.test', ['developer']],
      ['deploy-bot', ['deployer']],
    ]);

    const decide = (payload: unknown) =>
      owner.call('POST', `/api/v1/access-reviews/${campaign.id}/decisions`, payload);
    const kept = await decide({
      decision: 'keep',
      comment: 'Still runs production',
      usernames: ['alice@example.test'],
    });
    expect(kept.statusCode, kept.body).toBe(200);
    expect(kept.json()).toMatchObject({ decided: 1, progress: { keep: 1, pending: 2 } });
    const early = await owner.call('POST', `/api/v1/access-reviews/${campaign.id}/sign`, {
      password: TEST_PASSWORD,
    });
    expect(early.statusCode).toBe(409);
    expect(early.json<ErrorBody>().error.message).toContain('2 of 3 account(s) have no decision');
    expect(
      (
        await decide({
          decision: 'revoke',
          comment: 'Moved teams',
          usernames: ['bob@example.test'],
        })
      ).statusCode,
    ).toBe(200);
    const bulk = await decide({
      decision: 'change',
      comment: 'Read-only is enough',
      allPending: true,
    });
    expect(bulk.json()).toMatchObject({
      decided: 1,
      progress: { pending: 0, keep: 1, revoke: 1, change: 1, outstanding: 2 },
    });

    const detail = await owner.call('GET', `/api/v1/access-reviews/${campaign.id}`);
    expect(detail.json<AccessReviewDetail>().abilities).toEqual({
      decide: { allowed: true, reason: null },
      sign: { allowed: true, reason: null },
    });
    const wrong = await owner.call('POST', `/api/v1/access-reviews/${campaign.id}/sign`, {
      password: 'not the password',
    });
    expect(wrong.statusCode).toBe(401);
    clock.set('2026-12-02T09:00:00Z');
    // Sessions end when idle: another person of the owner role signs a day later.
    const ownerLater = await signedInPerson(t, 'security');
    const signed = await ownerLater.call('POST', `/api/v1/access-reviews/${campaign.id}/sign`, {
      password: TEST_PASSWORD,
      note: 'Reviewed with the team lead',
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const view = signed.json<AccessReviewCampaignView>();
    expect(view).toMatchObject({
      status: 'signed',
      signedAt: '2026-12-02T09:00:00.000Z',
      signatureId: expect.any(String) as string,
      occurrenceId: expect.any(String) as string,
    });
    const occurrence = await t.call(security, 'GET', `/api/v1/occurrences/${view.occurrenceId}`);
    expect(occurrence.json()).toMatchObject({
      controlKey: 'access-review-quarterly',
      assetKey: asset,
      periodKey: '2026-Q4',
      status: 'verified',
    });
    const after = await ownerLater.call('POST', `/api/v1/access-reviews/${campaign.id}/decisions`, {
      decision: 'keep',
      comment: 'Too late',
      usernames: ['deploy-bot'],
    });
    expect(after.statusCode).toBe(409);

    // The revoke and the change stay outstanding until a later snapshot shows them carried out.
    await ingest(
      asset,
      [
        ACCOUNTS_HEADER,
        'alice@example.test,,admin,true,true,false,',
        'deploy-bot,,reader,false,,false,',
      ].join('\n'),
      '2026-12-03T08:00:00Z',
    );
    const carried = await items(ownerLater, campaign.id);
    expect(carried.map((item) => [item.username, item.decision, item.carriedOutAt])).toEqual([
      ['alice@example.test', 'keep', null],
      ['bob@example.test', 'revoke', '2026-12-03T08:00:00.000Z'],
      ['deploy-bot', 'change', '2026-12-03T08:00:00.000Z'],
    ]);
    const final = await t.call(security, 'GET', `/api/v1/access-reviews/${campaign.id}`);
    expect(final.json<AccessReviewDetail>().progress.outstanding).toBe(0);
  });

  it('starts a campaign of thousands of accounts in one statement and pages its items', async () => {
    const rows = Array.from(
      { length: 1050 },
      (_, index) => `user-${String(index).padStart(5, '0')},,reader,false,true,false,`,
    );
    const owner = await signedInPerson(t, 'security');
    const asset = await systemWith([ACCOUNTS_HEADER, ...rows].join('\n'));
    const campaign = await start(asset);
    expect(campaign.progress).toMatchObject({ total: 1050, pending: 1050 });
    const first = await t.call(
      security,
      'GET',
      `/api/v1/access-reviews/${campaign.id}/items?limit=1000`,
    );
    const page = first.json<{ items: AccessReviewItemView[]; nextCursor: string | null }>();
    expect(page.items).toHaveLength(1000);
    expect(page.items.at(-1)?.username).toBe('user-00999');
    const second = await t.call(
      security,
      'GET',
      `/api/v1/access-reviews/${campaign.id}/items?limit=1000&cursor=${page.nextCursor ?? ''}`,
    );
    expect(second.json<{ items: AccessReviewItemView[] }>().items[0]?.username).toBe('user-01000');
    const all = await owner.call('POST', `/api/v1/access-reviews/${campaign.id}/decisions`, {
      decision: 'keep',
      comment: 'Readers of the wiki',
      allPending: true,
    });
    expect(all.json()).toMatchObject({ decided: 1050, progress: { pending: 0, keep: 1050 } });
    const pending = await items(owner, campaign.id, '?decision=pending');
    expect(pending).toEqual([]);
  });

  it('refuses a second campaign for the quarter, a future quarter, and a system without a snapshot', async () => {
    const asset = await systemWith(THREE_ACCOUNTS);
    await start(asset, { quarter: '2026-Q3' });
    const again = await t.call(security, 'POST', '/api/v1/access-reviews', {
      asset,
      quarter: '2026-Q3',
    });
    expect(again.statusCode).toBe(409);
    const future = await t.call(security, 'POST', '/api/v1/access-reviews', {
      asset,
      quarter: '2027-Q1',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json<ErrorBody>().error.issues?.[0]?.path).toBe('body.quarter');
    const malformed = await t.call(security, 'POST', '/api/v1/access-reviews', {
      asset,
      quarter: 'Q3 2026',
    });
    expect(malformed.statusCode).toBe(400);
    systems += 1;
    const empty = `review-system-${systems}`;
    await createSystem(t, security, empty);
    const none = await t.call(security, 'POST', '/api/v1/access-reviews', { asset: empty });
    expect(none.statusCode).toBe(409);
    expect(none.json<ErrorBody>().error.message).toContain('No account snapshot');
  });

  it('lets only the owner or a delegate decide, stores nothing for an unknown username, and never lets a token sign', async () => {
    const engineer = await signedInPerson(t, 'engineering');
    const asset = await systemWith(THREE_ACCOUNTS);
    const campaign = await start(asset, { quarter: '2026-Q2' });
    const stranger = await engineer.call(
      'POST',
      `/api/v1/access-reviews/${campaign.id}/decisions`,
      {
        decision: 'keep',
        comment: 'Fine',
        allPending: true,
      },
    );
    expect(stranger.statusCode).toBe(403);
    const strangerView = await engineer.call('GET', `/api/v1/access-reviews/${campaign.id}`);
    expect(strangerView.json<AccessReviewDetail>().abilities.decide.allowed).toBe(false);

    const delegated = await start(asset, {
      quarter: '2026-Q1',
      delegates: [engineer.email.toUpperCase()],
    });
    expect(delegated.delegates).toEqual([engineer.email.toLowerCase()]);
    const unknown = await engineer.call(
      'POST',
      `/api/v1/access-reviews/${delegated.id}/decisions`,
      {
        decision: 'revoke',
        comment: 'Gone',
        usernames: ['bob@example.test', 'nobody'],
      },
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json<ErrorBody>().error.issues?.[0]).toMatchObject({ path: 'body.usernames' });
    expect((await items(engineer, delegated.id, '?decision=pending')).length).toBe(3);
    const neither = await engineer.call(
      'POST',
      `/api/v1/access-reviews/${delegated.id}/decisions`,
      {
        decision: 'keep',
        comment: 'Fine',
      },
    );
    expect(neither.statusCode).toBe(400);
    const byDelegate = await engineer.call(
      'POST',
      `/api/v1/access-reviews/${delegated.id}/decisions`,
      {
        decision: 'keep',
        comment: 'All still needed',
        allPending: true,
      },
    );
    expect(byDelegate.statusCode, byDelegate.body).toBe(200);
    const byToken = await t.call(security, 'POST', `/api/v1/access-reviews/${delegated.id}/sign`, {
      password: TEST_PASSWORD,
    });
    expect(byToken.statusCode).toBe(403);
    const bySignature = await engineer.call('POST', `/api/v1/access-reviews/${delegated.id}/sign`, {
      password: TEST_PASSWORD,
    });
    expect(bySignature.statusCode, bySignature.body).toBe(200);
    expect(bySignature.json()).toMatchObject({ status: 'signed', occurrenceId: null });
  });

  it('lists campaigns a page at a time, filtered by system and quarter', async () => {
    const asset = await systemWith(THREE_ACCOUNTS);
    await start(asset, { quarter: '2026-Q1' });
    await start(asset, { quarter: '2026-Q2' });
    const page = await t.call(security, 'GET', `/api/v1/access-reviews?asset=${asset}&limit=1`);
    const first = page.json<{ items: AccessReviewCampaignView[]; nextCursor: string | null }>();
    expect(first.items).toHaveLength(1);
    const next = await t.call(
      security,
      'GET',
      `/api/v1/access-reviews?asset=${asset}&limit=1&cursor=${first.nextCursor ?? ''}`,
    );
    const second = next.json<{ items: AccessReviewCampaignView[]; nextCursor: string | null }>();
    expect([first.items[0]?.quarter, second.items[0]?.quarter].sort()).toEqual([
      '2026-Q1',
      '2026-Q2',
    ]);
    expect(second.nextCursor).toBeNull();
    const q2 = await t.call(
      security,
      'GET',
      `/api/v1/access-reviews?asset=${asset}&quarter=2026-Q2`,
    );
    expect(q2.json<{ items: AccessReviewCampaignView[] }>().items.map((c) => c.quarter)).toEqual([
      '2026-Q2',
    ]);
  });
});
