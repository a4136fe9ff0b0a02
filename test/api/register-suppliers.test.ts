import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEventView } from '../../src/modules/audit-log/audit-log.schema.js';
import type { SupplierView } from '../../src/modules/register/supplier.schema.js';
import type { AuditChainReport } from '../../src/platform/audit/verify-audit-chain.js';
import { FixedClock } from '../../src/platform/clock.js';
import type { ErrorBody } from '../../src/platform/http/error-handler.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

// 22:30 UTC on 31 March is already 1 April in Europe/Berlin, the test organisation's time zone.
const NOW = '2026-03-31T22:30:00.000Z';

describe('supplier register API', () => {
  let t: TestApp;
  let admin: string;
  let engineering: string;
  let auditor: string;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FixedClock(NOW) });
    admin = await t.tokenFor('admin');
    engineering = await t.tokenFor('engineering');
    auditor = await t.tokenFor('auditor');
  });
  afterAll(() => t.close());

  it('creates a supplier and flags certifications expired before today in the org time zone', async () => {
    const response = await t.call(engineering, 'POST', '/api/v1/suppliers', {
      key: 'hetzner',
      name: 'Hetzner Online',
      services: 'Dedicated servers',
      contractReference: 'CT-2025-014',
      escalationContact: 'support@hetzner.example',
      certifications: [
        { name: 'ISO 27001', expiresOn: '2026-03-31' },
        { name: 'ISO 9001', expiresOn: '2026-04-01' },
        { name: 'C5', expiresOn: null },
      ],
    });
    expect(response.statusCode).toBe(201);
    expect(response.json<SupplierView>()).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      key: 'hetzner',
      name: 'Hetzner Online',
      services: 'Dedicated servers',
      contractReference: 'CT-2025-014',
      escalationContact: 'support@hetzner.example',
      certifications: [
        { name: 'ISO 27001', expiresOn: '2026-03-31', expired: true },
        { name: 'ISO 9001', expiresOn: '2026-04-01', expired: false },
        { name: 'C5', expiresOn: null, expired: false },
      ],
      notes: '',
      assetCount: 0,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('refuses a duplicate key and an invalid certification date', async () => {
    const duplicate = await t.call(engineering, 'POST', '/api/v1/suppliers', {
      key: 'hetzner',
      name: 'Again',
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json<ErrorBody>().error.issues).toEqual([
      { path: 'body.key', message: 'is already used' },
    ]);
    const badDate = await t.call(engineering, 'POST', '/api/v1/suppliers', {
      key: 'other',
      name: 'Other',
      certifications: [{ name: 'SOC 2', expiresOn: '31/12/2026' }],
    });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.json<ErrorBody>().error.issues).toEqual([
      { path: 'body.certifications.0.expiresOn', message: 'must be a date as YYYY-MM-DD' },
    ]);
  });

  it('changes only the named fields and records before and after', async () => {
    const response = await t.call(engineering, 'PATCH', '/api/v1/suppliers/hetzner', {
      notes: 'Renewal talks in Q3',
    });
    expect(response.statusCode).toBe(200);
    const supplier = response.json<SupplierView>();
    expect(supplier).toMatchObject({
      name: 'Hetzner Online',
      services: 'Dedicated servers',
      contractReference: 'CT-2025-014',
      notes: 'Renewal talks in Q3',
    });
    expect(supplier.certifications.map((c) => c.name)).toEqual(['ISO 27001', 'ISO 9001', 'C5']);

    const events = await t.call(
      auditor,
      'GET',
      `/api/v1/audit/events?entityType=supplier&entityId=${supplier.id}`,
    );
    const [updated] = events.json<{ items: AuditEventView[] }>().items;
    expect(updated).toMatchObject({
      action: 'supplier.updated',
      before: { notes: '', services: 'Dedicated servers' },
      after: { notes: 'Renewal talks in Q3', services: 'Dedicated servers' },
    });
  });

  it('replaces the certifications when they are sent', async () => {
    const response = await t.call(engineering, 'PATCH', '/api/v1/suppliers/hetzner', {
      certifications: [{ name: 'ISO 27001', expiresOn: '2029-03-31' }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<SupplierView>().certifications).toEqual([
      { name: 'ISO 27001', expiresOn: '2029-03-31', expired: false },
    ]);
  });

  it('counts the assets each supplier provides', async () => {
    await t.call(engineering, 'POST', '/api/v1/suppliers', { key: 'idle', name: 'Idle Ltd' });
    for (const key of ['srv-1', 'srv-2']) {
      const asset = await t.call(engineering, 'POST', '/api/v1/assets', {
        key,
        name: `Server ${key}`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'low',
        dataClassification: 'internal',
        supplierKey: 'hetzner',
      });
      expect(asset.statusCode).toBe(201);
    }
    const list = await t.call(auditor, 'GET', '/api/v1/suppliers');
    expect(list.statusCode).toBe(200);
    expect(list.json<{ items: SupplierView[] }>().items.map((s) => [s.key, s.assetCount])).toEqual([
      ['hetzner', 2],
      ['idle', 0],
    ]);
    const one = await t.call(auditor, 'GET', '/api/v1/suppliers/hetzner');
    expect(one.json<SupplierView>().assetCount).toBe(2);
  });

  it('answers 404 for an unknown supplier', async () => {
    expect((await t.call(auditor, 'GET', '/api/v1/suppliers/nobody')).statusCode).toBe(404);
    const patch = await t.call(engineering, 'PATCH', '/api/v1/suppliers/nobody', { notes: 'x' });
    expect(patch.statusCode).toBe(404);
  });

  it('does not let an auditor change suppliers', async () => {
    const response = await t.call(auditor, 'PATCH', '/api/v1/suppliers/hetzner', { notes: 'x' });
    expect(response.statusCode).toBe(403);
  });

  it('keeps the audit chain valid', async () => {
    const response = await t.call(admin, 'GET', '/api/v1/audit/verify');
    expect(response.json<AuditChainReport>()).toMatchObject({ valid: true, firstBroken: null });
  });
});
