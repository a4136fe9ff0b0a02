import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { AssetView } from '../../src/modules/register/asset.schema.js';
import type { AuditChainReport } from '../../src/platform/audit/verify-audit-chain.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CREATED_AT = '2026-03-02T09:00:00.000Z';

/** The smallest valid asset, with whatever a test wants to change. */
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

describe('asset register API', () => {
  let t: TestApp;
  let admin: string;
  let engineering: string;
  let viewer: string;
  const clock = new FixedClock(CREATED_AT);

  /** Verifies the audit chain and returns how many events it holds. */
  async function auditEventCount(): Promise<number> {
    const response = await t.call(admin, 'GET', '/api/v1/audit/verify');
    expect(response.statusCode).toBe(200);
    const report = response.json<AuditChainReport>();
    expect(report).toMatchObject({ valid: true, firstBroken: null });
    return report.eventCount;
  }

  async function createAsset(overrides: Record<string, unknown>): Promise<AssetView> {
    const response = await t.call(engineering, 'POST', '/api/v1/assets', assetBody(overrides));
    expect(response.statusCode).toBe(201);
    return response.json<AssetView>();
  }

  /** A fresh app at CREATED_AT with the tokens, and the supplier aws the assets name. */
  async function openApp(): Promise<void> {
    clock.set(CREATED_AT);
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    engineering = await t.tokenFor('engineering');
    viewer = await t.tokenFor('viewer');
    const supplier = await t.call(admin, 'POST', '/api/v1/suppliers', {
      key: 'aws',
      name: 'Amazon Web Services',
    });
    expect(supplier.statusCode).toBe(201);
  }

  // Each group below has its own app, so that what one group creates never shows in another's
  // lists; the stories that change the backup vault each get their own.
  describe('creating', () => {
    beforeAll(openApp);
    afterAll(() => t.close());

    it('creates an asset, fills the defaults and names its supplier', async () => {
      const eventsBefore = await auditEventCount();
      const response = await t.call(
        engineering,
        'POST',
        '/api/v1/assets',
        assetBody({
          criticality: 'high',
          criticalityRationale: 'Holds every customer record',
          supplierKey: 'aws',
          tags: ['pii', 'eu'],
        }),
      );
      expect(response.statusCode).toBe(201);
      const asset = response.json<AssetView>();
      expect(asset).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
        key: 'db-prod-eu',
        name: 'Production database (EU)',
        category: 'database',
        purpose: '',
        supplierKey: 'aws',
        supplierName: 'Amazon Web Services',
        thirdPartyManaged: false,
        environment: 'production',
        configurationReference: '',
        ownerRole: 'engineering',
        ownerPerson: '',
        criticality: 'high',
        criticalityRationale: 'Holds every customer record',
        dataClassification: 'confidential',
        region: '',
        lifecycleStatus: 'in-service',
        tags: ['pii', 'eu'],
        acceptanceCriteria: '',
        lastReviewedOn: null,
        nextReviewDueOn: null,
        version: 1,
        createdAt: CREATED_AT,
        updatedAt: CREATED_AT,
      });
      const fetched = await t.call(viewer, 'GET', '/api/v1/assets/db-prod-eu');
      expect(fetched.json<AssetView>()).toEqual(asset);
      expect(await auditEventCount()).toBe(eventsBefore + 1);
    });

    it('refuses a second asset with the same key and names the key field', async () => {
      await createAsset({ key: 'db-twice' });
      const eventsBefore = await auditEventCount();
      const response = await t.call(
        engineering,
        'POST',
        '/api/v1/assets',
        assetBody({ key: 'db-twice' }),
      );
      expect(response.statusCode).toBe(409);
      expect(response.json<ErrorBody>().error).toMatchObject({
        code: 'conflict',
        issues: [{ path: 'body.key', message: 'is already used by another asset' }],
      });
      expect(await auditEventCount()).toBe(eventsBefore);
    });

    it('lists every invalid field by its path', async () => {
      const response = await t.call(
        engineering,
        'POST',
        '/api/v1/assets',
        assetBody({ key: 'Bad Key!', name: '  ', category: 'spaceship', environment: 'moon' }),
      );
      expect(response.statusCode).toBe(400);
      const error = response.json<ErrorBody>().error;
      expect(error.code).toBe('validation_failed');
      expect(error.issues?.map((issue) => issue.path).sort()).toEqual([
        'body.category',
        'body.environment',
        'body.key',
        'body.name',
      ]);
      expect(error.issues).toContainEqual({ path: 'body.name', message: 'is required' });
    });

    it.each(['critical', 'high'])(
      'requires a rationale when criticality is %s',
      async (criticality) => {
        const response = await t.call(
          engineering,
          'POST',
          '/api/v1/assets',
          assetBody({ key: `needs-reason-${criticality}`, criticality }),
        );
        expect(response.statusCode).toBe(400);
        expect(response.json<ErrorBody>().error.issues).toEqual([
          {
            path: 'body.criticalityRationale',
            message: `is required when criticality is ${criticality}`,
          },
        ]);
      },
    );

    it('refuses an unknown supplier on the supplierKey field and writes nothing', async () => {
      const response = await t.call(
        engineering,
        'POST',
        '/api/v1/assets',
        assetBody({ key: 'orphan', supplierKey: 'nobody' }),
      );
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.issues).toEqual([
        { path: 'body.supplierKey', message: 'no supplier with key nobody; create it first' },
      ]);
      expect((await t.call(viewer, 'GET', '/api/v1/assets/orphan')).statusCode).toBe(404);
    });

    it('does not let a viewer create assets', async () => {
      const response = await t.call(viewer, 'POST', '/api/v1/assets', assetBody({ key: 'nope' }));
      expect(response.statusCode).toBe(403);
    });
  });

  describe('listing and reading', () => {
    beforeAll(async () => {
      await openApp();
      await createAsset({
        criticality: 'high',
        criticalityRationale: 'Holds every customer record',
        supplierKey: 'aws',
        tags: ['pii', 'eu'],
      });
      await createAsset({
        key: 'web-prod',
        name: 'Customer portal',
        category: 'application',
        criticality: 'critical',
        criticalityRationale: 'Customers order through it',
        tags: ['customer-facing'],
      });
      await createAsset({
        key: 'web-staging',
        name: 'Customer portal (staging)',
        category: 'application',
        environment: 'staging',
        criticality: 'low',
        tags: ['customer-facing'],
      });
      await createAsset({
        key: 'router-a',
        name: 'Core router: 100% uptime target',
        category: 'network',
        criticality: 'medium',
      });
      await createAsset({
        key: 'router-b',
        name: 'Core router: 100 percent backup',
        category: 'network',
        purpose: 'Fails over for router_a',
      });
      await createAsset({ key: 'routerxa', name: 'Lab router', category: 'network' });
    });
    afterAll(() => t.close());

    async function listKeys(query: string): Promise<string[]> {
      const response = await t.call(viewer, 'GET', `/api/v1/assets${query}`);
      expect(response.statusCode).toBe(200);
      return response.json<{ items: AssetView[] }>().items.map((asset) => asset.key);
    }

    it('lists every asset ordered by key', async () => {
      expect(await listKeys('')).toEqual([
        'db-prod-eu',
        'router-a',
        'router-b',
        'routerxa',
        'web-prod',
        'web-staging',
      ]);
    });

    it.each([
      ['?category=network', ['router-a', 'router-b', 'routerxa']],
      ['?environment=staging', ['web-staging']],
      ['?criticality=critical', ['web-prod']],
      ['?tag=customer-facing', ['web-prod', 'web-staging']],
      ['?category=application&environment=production', ['web-prod']],
      ['?supplier=aws', ['db-prod-eu']],
      ['?q=PORTAL', ['web-prod', 'web-staging']],
    ])('filters with %s', async (query, keys) => {
      expect(await listKeys(query)).toEqual(keys);
    });

    it('treats % in a search as a literal character', async () => {
      expect(await listKeys(`?q=${encodeURIComponent('100%')}`)).toEqual(['router-a']);
    });

    it('treats _ in a search as a literal character', async () => {
      expect(await listKeys('?q=router_a')).toEqual(['router-b']);
    });

    it('answers 404 for an unknown key', async () => {
      const response = await t.call(viewer, 'GET', '/api/v1/assets/no-such-asset');
      expect(response.statusCode).toBe(404);
      expect(response.json<ErrorBody>().error.code).toBe('not_found');
    });
  });

  describe('changing', () => {
    let original: AssetView;
    const UPDATED_AT = '2026-03-03T10:00:00.000Z';

    beforeEach(async () => {
      await openApp();
      original = await createAsset({
        key: 'backup-vault',
        name: 'Backup vault',
        category: 'storage',
        purpose: 'Nightly backups of production',
        supplierKey: 'aws',
        thirdPartyManaged: true,
        ownerPerson: 'ops@example.test',
        region: 'eu-central-1',
        lifecycleStatus: 'verified',
        tags: ['backup'],
        acceptanceCriteria: 'Restores within 4 hours',
        lastReviewedOn: '2026-01-15',
        nextReviewDueOn: '2026-04-15',
      });
      clock.set(UPDATED_AT);
    });
    afterEach(() => t.close());

    /** The vault renamed and rated high: version 2. */
    async function madeImmutable(): Promise<void> {
      const response = await t.call(engineering, 'PATCH', '/api/v1/assets/backup-vault', {
        name: 'Backup vault (immutable)',
        criticality: 'high',
        criticalityRationale: 'Last line of defence against ransomware',
        expectedVersion: 1,
      });
      expect(response.statusCode).toBe(200);
    }

    it('changes only the named fields and bumps the version', async () => {
      const eventsBefore = await auditEventCount();
      const response = await t.call(engineering, 'PATCH', '/api/v1/assets/backup-vault', {
        name: 'Backup vault (immutable)',
        criticality: 'high',
        criticalityRationale: 'Last line of defence against ransomware',
        expectedVersion: 1,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<AssetView>()).toEqual({
        ...original,
        name: 'Backup vault (immutable)',
        criticality: 'high',
        criticalityRationale: 'Last line of defence against ransomware',
        version: 2,
        updatedAt: UPDATED_AT,
      });
      expect(await auditEventCount()).toBe(eventsBefore + 1);
    });

    it('refuses a change made against a stale version and keeps the record', async () => {
      await madeImmutable();
      const eventsBefore = await auditEventCount();
      const response = await t.call(engineering, 'PATCH', '/api/v1/assets/backup-vault', {
        name: 'Someone else’s edit',
        expectedVersion: 1,
      });
      expect(response.statusCode).toBe(409);
      expect(response.json<ErrorBody>().error.message).toContain('now version 2');
      const current = await t.call(viewer, 'GET', '/api/v1/assets/backup-vault');
      expect(current.json<AssetView>()).toMatchObject({
        name: 'Backup vault (immutable)',
        version: 2,
      });
      expect(await auditEventCount()).toBe(eventsBefore);
    });

    it('refuses a change that would leave a high rating without a rationale', async () => {
      await madeImmutable();
      const response = await t.call(engineering, 'PATCH', '/api/v1/assets/backup-vault', {
        criticalityRationale: '',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.issues).toEqual([
        { path: 'body.criticalityRationale', message: 'is required when criticality is high' },
      ]);
    });

    it('refuses an empty change', async () => {
      await madeImmutable();
      const response = await t.call(engineering, 'PATCH', '/api/v1/assets/backup-vault', {
        expectedVersion: 2,
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.message).toContain(
        'name at least one field to change',
      );
    });

    it('refuses to point an asset at an unknown supplier', async () => {
      const response = await t.call(engineering, 'PATCH', '/api/v1/assets/backup-vault', {
        supplierKey: 'nobody',
      });
      expect(response.statusCode).toBe(400);
      expect(response.json<ErrorBody>().error.issues).toEqual([
        { path: 'body.supplierKey', message: 'no supplier with key nobody; create it first' },
      ]);
    });

    it('answers 404 when changing an unknown asset', async () => {
      const response = await t.call(engineering, 'PATCH', '/api/v1/assets/no-such-asset', {
        name: 'Ghost',
      });
      expect(response.statusCode).toBe(404);
    });

    it('shows the history: created, then updated with the values before and after', async () => {
      await madeImmutable();
      const response = await t.call(viewer, 'GET', '/api/v1/assets/backup-vault/history');
      expect(response.statusCode).toBe(200);
      const events = response.json<{ items: AuditEventView[] }>().items;
      expect(events.map((event) => event.action)).toEqual(['asset.updated', 'asset.created']);
      const [updated, created] = events as [AuditEventView, AuditEventView];
      expect(created).toMatchObject({
        entityType: 'asset',
        entityId: original.id,
        occurredAt: CREATED_AT,
        actorType: 'token',
        before: null,
        after: { key: 'backup-vault', name: 'Backup vault', version: 1 },
      });
      expect(updated).toMatchObject({
        occurredAt: UPDATED_AT,
        before: {
          name: 'Backup vault',
          criticality: 'medium',
          criticalityRationale: '',
          purpose: 'Nightly backups of production',
          version: 1,
        },
        after: {
          name: 'Backup vault (immutable)',
          criticality: 'high',
          criticalityRationale: 'Last line of defence against ransomware',
          purpose: 'Nightly backups of production',
          version: 2,
        },
      });
    });
  });
});
