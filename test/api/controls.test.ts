import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyBuiltInCatalog } from '../../src/modules/controls/apply-built-in-catalog.js';
import type { Catalog } from '../../src/modules/controls/catalog.schema.js';
import type { UserRole } from '../../src/platform/auth/roles.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

describe('controls API', () => {
  let t: TestApp;
  const tokens = {} as Record<UserRole, string>;
  const auditCount = async () =>
    Number(
      (
        await t.ctx.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await createTestApp();
    for (const role of [
      'admin',
      'quality',
      'engineering',
      'security',
      'auditor',
      'viewer',
    ] as const)
      tokens[role] = await t.tokenFor(role);
  });
  afterAll(() => t.close());

  it('has the built-in catalogue on a fresh installation', async () => {
    const response = await t.call(tokens.viewer, 'GET', '/api/v1/frameworks');
    expect(response.statusCode).toBe(200);
    const { items } = response.json<{
      items: { key: string; unmappedRequirementCount: number }[];
    }>();
    expect(items.map((framework) => framework.key)).toEqual([
      'eng-pol-003',
      'iec81001-5-1',
      'iso13485',
      'iso9001',
      'soc2',
      'sop-018',
    ]);
    expect(items.every((framework) => framework.unmappedRequirementCount === 0)).toBe(true);
  });

  it('does nothing when the server starts again on the same database', async () => {
    const before = await auditCount();
    expect(await applyBuiltInCatalog(t.ctx)).toMatchObject({ applied: false });
    expect(await auditCount()).toBe(before);
  });

  it('shows a framework with its requirements in order and the controls mapped to each', async () => {
    const response = await t.call(tokens.auditor, 'GET', '/api/v1/frameworks/sop-018');
    expect(response.statusCode).toBe(200);
    const framework = response.json<{
      kind: string;
      requirements: { key: string; reference: string; controls: { key: string }[] }[];
    }>();
    expect(framework.kind).toBe('internal');
    expect(framework.requirements[0]).toMatchObject({ key: 'sop-018:4', reference: '4' });
    const patching = framework.requirements.find((r) => r.key === 'sop-018:5.3-os-patching')!;
    expect(patching.controls.map((control) => control.key)).toEqual([
      'critical-patch-72h',
      'os-patching-monthly',
    ]);
  });

  it('lists controls with filters and shows one in full', async () => {
    const critical = await t.call(
      tokens.viewer,
      'GET',
      '/api/v1/controls?framework=soc2&critical=true&theme=backup-and-recovery',
    );
    expect(critical.statusCode).toBe(200);
    const items = critical.json<{ items: { key: string; critical: boolean; schedule: string }[] }>()
      .items;
    expect(items.map((control) => control.key)).toContain('backup-daily-production');
    expect(items.every((control) => control.critical)).toBe(true);

    const one = await t.call(tokens.auditor, 'GET', '/api/v1/controls/critical-patch-72h');
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({
      key: 'critical-patch-72h',
      ownerRole: 'engineering',
      critical: true,
      perAsset: true,
      cadence: null,
      sla: { trigger: 'critical-patch-released', within: 'PT72H' },
      schedule: '72 hours after a critical patch is released',
      version: 1,
      retiredAt: null,
      requirements: expect.arrayContaining([
        expect.objectContaining({ key: 'sop-018:5.3-os-patching', framework: 'sop-018' }),
      ]) as unknown[],
    });
  });

  it('answers 404 for a framework or control that does not exist', async () => {
    for (const url of ['/api/v1/frameworks/nope', '/api/v1/controls/nope']) {
      const response = await t.call(tokens.viewer, 'GET', url);
      expect(response.statusCode).toBe(404);
    }
  });

  it('lets anyone who reads the catalogue plan and export, but only admin and quality apply', async () => {
    const exported = await t.call(tokens.viewer, 'GET', '/api/v1/catalog/export');
    expect(exported.statusCode).toBe(200);
    const catalog = exported.json<Catalog>();
    expect(catalog.controls.length).toBeGreaterThan(50);

    const plan = await t.call(tokens.auditor, 'POST', '/api/v1/catalog/plan', catalog);
    expect(plan.statusCode).toBe(200);
    expect(plan.json()).toMatchObject({ empty: true });

    for (const role of ['auditor', 'viewer', 'engineering', 'security'] as const) {
      const denied = await t.call(tokens[role], 'POST', '/api/v1/catalog/apply', catalog);
      expect({ role, status: denied.statusCode }).toEqual({ role, status: 403 });
    }
    for (const role of ['quality', 'admin'] as const) {
      const allowed = await t.call(tokens[role], 'POST', '/api/v1/catalog/apply', catalog);
      expect(allowed.statusCode).toBe(200);
      expect(allowed.json()).toMatchObject({ applied: false, revision: null });
    }
  });

  it('applies a changed catalogue as the caller, retiring what is left out', async () => {
    // This story changes the catalogue (revision 2) that the others read as built in: its own app.
    const own = await createTestApp();
    try {
      await appliesAChangedCatalogue(own);
    } finally {
      await own.close();
    }
  });

  async function appliesAChangedCatalogue(t: TestApp): Promise<void> {
    const tokens = {
      quality: await t.tokenFor('quality'),
      auditor: await t.tokenFor('auditor'),
      viewer: await t.tokenFor('viewer'),
    };
    const catalog = (await t.call(tokens.quality, 'GET', '/api/v1/catalog/export')).json<Catalog>();
    const changed: Catalog = {
      ...catalog,
      controls: catalog.controls
        .filter((control) => control.key !== 'capacity-review-quarterly')
        .map((control) =>
          control.key === 'on-call-rotation-monthly' ? { ...control, critical: true } : control,
        ),
    };
    const response = await t.call(tokens.quality, 'POST', '/api/v1/catalog/apply', changed);
    expect(response.statusCode).toBe(200);
    const result = response.json<{
      applied: boolean;
      revision: number;
      plan: { controls: { changed: { key: string }[]; retired: { key: string }[] } };
    }>();
    expect(result.applied).toBe(true);
    expect(result.revision).toBe(2);
    expect(result.plan.controls.changed.map((c) => c.key)).toEqual(['on-call-rotation-monthly']);
    expect(result.plan.controls.retired.map((c) => c.key)).toEqual(['capacity-review-quarterly']);

    const events = await t.call(
      tokens.auditor,
      'GET',
      '/api/v1/audit/events?entityType=control&limit=2',
    );
    expect(events.json<{ items: { action: string; actorLabel: string }[] }>().items).toEqual([
      expect.objectContaining({
        action: 'control.retired',
        actorLabel: expect.stringMatching(/quality/) as string,
      }),
      expect.objectContaining({ action: 'control.changed' }),
    ]);
    const retired = await t.call(
      tokens.viewer,
      'GET',
      '/api/v1/controls/capacity-review-quarterly',
    );
    expect(retired.json<{ retiredAt: string | null }>().retiredAt).not.toBeNull();
    const listed = await t.call(tokens.viewer, 'GET', '/api/v1/controls');
    expect(listed.json<{ items: { key: string }[] }>().items.map((c) => c.key)).not.toContain(
      'capacity-review-quarterly',
    );
    const withRetired = await t.call(tokens.viewer, 'GET', '/api/v1/controls?includeRetired=true');
    expect(withRetired.json<{ items: { key: string }[] }>().items.map((c) => c.key)).toContain(
      'capacity-review-quarterly',
    );
  }

  it('rejects a catalogue mapping an unknown requirement, naming the field', async () => {
    const catalog = (await t.call(tokens.quality, 'GET', '/api/v1/catalog/export')).json<Catalog>();
    catalog.controls[0]!.requirements = ['iso9001:99.9'];
    const response = await t.call(tokens.quality, 'POST', '/api/v1/catalog/plan', catalog);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: {
        code: 'validation_failed',
        issues: [
          {
            path: 'body.controls.0.requirements.0',
            message: expect.stringContaining('iso9001:99.9') as string,
          },
        ],
      },
    });
  });
});
