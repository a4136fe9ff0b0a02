import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/support/test-database.js';
import { systemActor, type Actor } from '../../platform/audit/actor.js';
import { verifyAuditChain } from '../../platform/audit/verify-audit-chain.js';
import { FixedClock } from '../../platform/clock.js';
import type { DatabaseHandle } from '../../platform/db/connect.js';
import { applyBuiltInCatalog, BUILT_IN_CATALOG_DIR } from './apply-built-in-catalog.js';
import { applyCatalog } from './apply-catalog.js';
import type { Catalog } from './catalog.schema.js';
import { exportCatalog } from './export-catalog.js';
import { getControl } from './catalog-queries.js';
import { loadCatalogDir } from './load-catalog-dir.js';
import { planCatalog } from './plan-catalog.js';

const quality: Actor = { type: 'user', id: null, label: 'quality@example.test', role: 'quality' };

const EXTRA_FRAMEWORK = `format: plumbline-catalog/v1
frameworks:
  - key: acme-pol
    title: Acme extra policy
    kind: internal
    issuer: Quality
    description: An organisation's own policy, added to the catalogue.
    requirements:
      - key: acme-pol:1
        title: Badge readers
        summary: Badge readers at the office doors are tested every month.
`;
const EXTRA_CONTROL = `format: plumbline-catalog/v1
controls:
  - key: badge-reader-test-monthly
    title: Monthly badge reader test
    theme: facilities
    objective: Test every badge reader at the office doors once a month.
    ownerRole: admin
    cadence:
      frequency: monthly
      startsOn: 2026-02-01
      dayOfPeriod: 10
    evaluation:
      mode: manual
    evidenceExpected:
      - kind: record
        description: Test log per reader.
    requirements:
      - acme-pol:1
      - iso13485:6.4.1
`;

describe('planning and applying the catalogue', () => {
  let database: DatabaseHandle;
  let ctx: { db: DatabaseHandle['db']; clock: FixedClock; logger: pino.Logger };
  let builtIn: Catalog;
  const workDirs: string[] = [];

  /** A copy of the built-in catalogue to edit, as an organisation would in its git repository. */
  function editableCopy(): string {
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plumbline-catalog-copy-'));
    workDirs.push(directory);
    fs.cpSync(BUILT_IN_CATALOG_DIR, directory, { recursive: true });
    return directory;
  }
  const edit = (directory: string, file: string, from: string, to: string) => {
    const target = path.join(directory, file);
    const text = fs.readFileSync(target, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(target, text.replace(from, to));
  };
  const loaded = async (directory: string) => (await loadCatalogDir(directory)).catalog;
  const auditCount = async () =>
    Number(
      (
        await database.db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const keys = (entries: { key: string }[]) => entries.map((entry) => entry.key);

  beforeAll(async () => {
    database = await createTestDatabase();
    ctx = {
      db: database.db,
      clock: new FixedClock('2026-03-02T09:00:00Z'),
      logger: pino({ level: 'silent' }),
    };
    builtIn = await loaded(BUILT_IN_CATALOG_DIR);
  });
  afterAll(async () => {
    await database.close();
    for (const directory of workDirs) fs.rmSync(directory, { recursive: true });
  });

  it('plans the whole built-in catalogue as added on an empty database', async () => {
    const plan = await planCatalog(ctx, builtIn);
    const requirementCount = builtIn.frameworks.flatMap((f) => f.requirements).length;
    expect(plan.empty).toBe(false);
    expect(plan.frameworks.added).toHaveLength(builtIn.frameworks.length);
    expect(plan.requirements.added).toHaveLength(requirementCount);
    expect(plan.controls.added).toHaveLength(builtIn.controls.length);
    expect(plan.controls.changed).toEqual([]);
    expect(plan.controls.retired).toEqual([]);
  });

  it('applies it in one revision with one audit entry per object', async () => {
    const before = await auditCount();
    const result = await applyBuiltInCatalog(ctx);
    expect(result).toMatchObject({ applied: true, revision: 1 });
    const objects =
      builtIn.frameworks.length +
      builtIn.frameworks.flatMap((f) => f.requirements).length +
      builtIn.controls.length;
    expect((await auditCount()) - before).toBe(objects + 1);
    const revision = await database.db.selectFrom('catalog_revisions').selectAll().execute();
    expect(revision).toMatchObject([{ revision: 1, origin: 'built-in', actor_label: 'plumbline' }]);
    expect((await verifyAuditChain(database.db)).valid).toBe(true);
  });

  it('is idempotent: a second apply finds nothing to do and writes no audit entry', async () => {
    const before = await auditCount();
    expect((await planCatalog(ctx, builtIn)).empty).toBe(true);
    const again = await applyBuiltInCatalog(ctx);
    expect(again).toMatchObject({ applied: false, revision: null, plan: { empty: true } });
    expect(await applyCatalog(ctx, quality, builtIn, { origin: 'organisation' })).toMatchObject({
      applied: false,
    });
    expect(await auditCount()).toBe(before);
    expect(await database.db.selectFrom('catalog_revisions').selectAll().execute()).toHaveLength(1);
  });

  it('gives export back in a form whose plan is empty', async () => {
    const exported = await exportCatalog(ctx);
    expect(exported.controls).toHaveLength(builtIn.controls.length);
    expect((await planCatalog(ctx, exported)).empty).toBe(true);
  });

  it('shows an edited control as changed, field by field, and bumps its version', async () => {
    const directory = editableCopy();
    edit(
      directory,
      'controls/maintenance-and-patching.yaml',
      'title: Monthly operating system patching',
      'title: Monthly OS patching',
    );
    edit(
      directory,
      'controls/maintenance-and-patching.yaml',
      'frequency: monthly\n      startsOn: 2026-01-01\n    evaluation:\n      mode: manual\n    checklist:\n      - List the updates',
      'frequency: monthly\n      startsOn: 2026-01-01\n      dayOfPeriod: 20\n    evaluation:\n      mode: manual\n    checklist:\n      - List the updates',
    );
    const desired = await loaded(directory);
    const plan = await planCatalog(ctx, desired);
    expect(plan.controls.changed).toEqual([
      {
        key: 'os-patching-monthly',
        title: 'Monthly OS patching',
        changes: [
          {
            field: 'title',
            before: 'Monthly operating system patching',
            after: 'Monthly OS patching',
          },
          {
            field: 'cadence',
            before: { frequency: 'monthly', startsOn: '2026-01-01' },
            after: { frequency: 'monthly', startsOn: '2026-01-01', dayOfPeriod: 20 },
          },
        ],
      },
    ]);
    expect(plan.frameworks.changed).toEqual([]);
    expect(plan.controls.unchanged).toBe(builtIn.controls.length - 1);

    const before = await getControl(ctx, 'os-patching-monthly');
    ctx.clock.advance(60_000);
    const result = await applyCatalog(ctx, quality, desired, { origin: 'organisation' });
    expect(result).toMatchObject({ applied: true, revision: 2 });
    const after = await getControl(ctx, 'os-patching-monthly');
    expect(after).toMatchObject({ version: 2, title: 'Monthly OS patching' });
    expect(after.cadence).toEqual({
      frequency: 'monthly',
      startsOn: '2026-01-01',
      dayOfPeriod: 20,
    });
    expect(after.contentHash).not.toBe(before.contentHash);
    const events = await database.db
      .selectFrom('audit_events')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(2)
      .execute();
    expect(events.map((event) => event.action)).toEqual(['catalog.applied', 'control.changed']);
    expect(events[1]).toMatchObject({
      actor_label: 'quality@example.test',
      entity_type: 'control',
      before: expect.objectContaining({
        title: 'Monthly operating system patching',
        version: 1,
      }) as unknown,
      after: expect.objectContaining({ title: 'Monthly OS patching', version: 2 }) as unknown,
    });
    expect((await planCatalog(ctx, desired)).empty).toBe(true);
  });

  it('retires controls that leave the catalogue and keeps their rows', async () => {
    const directory = editableCopy();
    fs.rmSync(path.join(directory, 'controls/decommissioning.yaml'));
    const desired = await loaded(directory);
    const plan = await planCatalog(ctx, desired);
    expect(keys(plan.controls.retired)).toEqual([
      'decommissioning-closeout-7d',
      'decommissioning-retention-review',
    ]);
    // The copy starts from the built-in files, so the control edited before shows as changed back.
    expect(keys(plan.controls.changed)).toEqual(['os-patching-monthly']);
    await applyCatalog(ctx, quality, desired, { origin: 'organisation' });

    const retired = await getControl(ctx, 'decommissioning-retention-review');
    expect(retired.retiredAt).toBe(ctx.clock.now().toISOString());
    const exported = await exportCatalog(ctx);
    expect(exported.controls.map((c) => c.key)).not.toContain('decommissioning-retention-review');
    expect((await planCatalog(ctx, exported)).empty).toBe(true);
  });

  it('brings a retired control back as changed, lifting its retirement', async () => {
    const plan = await planCatalog(ctx, builtIn);
    expect(plan.controls.changed.map((entry) => [entry.key, entry.changes[0]?.field])).toEqual([
      ['decommissioning-closeout-7d', 'retired'],
      ['decommissioning-retention-review', 'retired'],
    ]);
    await applyCatalog(ctx, quality, builtIn, { origin: 'organisation' });
    expect(await getControl(ctx, 'decommissioning-retention-review')).toMatchObject({
      retiredAt: null,
      version: 1,
    });
  });

  it('adds a new framework, requirement and control, with their mappings', async () => {
    const directory = editableCopy();
    fs.writeFileSync(path.join(directory, 'frameworks/acme-pol.yaml'), EXTRA_FRAMEWORK);
    fs.writeFileSync(path.join(directory, 'controls/facilities.yaml'), EXTRA_CONTROL);
    const desired = await loaded(directory);
    const plan = await planCatalog(ctx, desired);
    expect(keys(plan.frameworks.added)).toEqual(['acme-pol']);
    expect(keys(plan.requirements.added)).toEqual(['acme-pol:1']);
    expect(keys(plan.controls.added)).toEqual(['badge-reader-test-monthly']);
    expect(plan.controls.changed).toEqual([]);
    await applyCatalog(ctx, quality, desired, { origin: 'organisation' });
    const control = await getControl(ctx, 'badge-reader-test-monthly');
    expect(control.requirements.map((r) => r.key)).toEqual(['acme-pol:1', 'iso13485:6.4.1']);
    expect(control.schedule).toBe('Monthly, due on day 10 of the month, from 2026-02-01');
    expect((await planCatalog(ctx, await exportCatalog(ctx))).empty).toBe(true);
  });

  it('stops applying the built-in catalogue once the organisation has applied its own', async () => {
    const before = await auditCount();
    expect(await applyBuiltInCatalog(ctx)).toBeNull();
    expect(await auditCount()).toBe(before);
    expect((await getControl(ctx, 'badge-reader-test-monthly')).retiredAt).toBeNull();
  });
});

describe('applying the catalogue from several instances at once', () => {
  let database: DatabaseHandle;
  afterAll(() => database.close());

  it('applies it exactly once', async () => {
    database = await createTestDatabase();
    const ctx = { db: database.db, clock: new FixedClock('2026-03-02T09:00:00Z') };
    const { catalog } = await loadCatalogDir(BUILT_IN_CATALOG_DIR);
    const results = await Promise.all(
      [1, 2, 3].map(() => applyCatalog(ctx, systemActor, catalog, { origin: 'built-in' })),
    );
    expect(results.filter((result) => result.applied)).toHaveLength(1);
    expect(await database.db.selectFrom('catalog_revisions').selectAll().execute()).toHaveLength(1);
    expect((await planCatalog(ctx, catalog)).empty).toBe(true);
  });
});
