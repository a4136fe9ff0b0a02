import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Soc2A12Page } from '../../src/modules/recovery/soc2-a12.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { createProductionAsset, recordBackupRun, signedInPerson } from '../support/factory.js';

describe('SOC 2 A1.2 page', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;

  const page = async (query = '', token = admin) => {
    const response = await t.call(token, 'GET', `/api/v1/soc2/a1-2${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<Soc2A12Page>();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    await createProductionAsset(t, admin, 'db-orders');
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-03-01T00:00:00Z',
      until: '2026-04-30T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
    await recordBackupRun(t, admin, {
      asset: 'db-orders',
      externalId: 'snap-a12',
      startedAt: '2026-03-10T02:00:00Z',
      finishedAt: '2026-03-10T02:20:00Z',
      recoveryPointAt: '2026-03-10T02:00:00Z',
    });
    const engineer = await signedInPerson(t, 'engineering');
    const quality = await signedInPerson(t, 'quality');
    const test = await engineer.call('POST', '/api/v1/restore-tests', {
      asset: 'db-orders',
      recoveryPointAt: '2026-03-10T02:00:00Z',
      startedAt: '2026-03-10T06:00:00Z',
      finishedAt: '2026-03-10T07:00:00Z',
      integrityChecks: [{ check: 'Row counts match', passed: true }],
    });
    expect(test.statusCode).toBe(201);
    const verified = await quality.call(
      'POST',
      `/api/v1/restore-tests/${test.json<{ id: string }>().id}/verify`,
      { password: TEST_PASSWORD },
    );
    expect(verified.statusCode).toBe(200);
    const exercise = await engineer.call('POST', '/api/v1/dr-exercises', {
      type: 'tabletop',
      scenario: 'Ransomware encrypts the primary database host.',
      startedAt: '2026-03-09T09:00:00Z',
      finishedAt: '2026-03-09T11:00:00Z',
      participants: [{ name: 'Ada', role: 'Incident lead' }],
      outcome: 'passed-with-deficiencies',
      deficiencies: [
        { title: 'Backup credentials kept on the same host', ownerUserId: engineer.userId },
      ],
    });
    expect(exercise.statusCode).toBe(201);
  });
  afterAll(() => t.close());

  it('lists every A1.2 action item and point of focus with its status and controls', async () => {
    const result = await page();
    expect(result.items).toHaveLength(18);
    expect(result.items.map((item) => item.kind).filter((kind) => kind === 'action')).toHaveLength(
      7,
    );
    const restores = result.items.find((item) => item.key === 'soc2:A1.2-action-3')!;
    expect(restores.controls.map((control) => control.key)).toContain('restore-test-monthly');
    expect(restores.evidenceKinds).toContain('restore-tests');
    const monthly = restores.controls.find((control) => control.key === 'restore-test-monthly')!;
    expect(monthly).toMatchObject({ status: 'passing', evaluation: 'automatic:restore-tests' });
    const daily = result.items.find((item) => item.key === 'soc2:A1.2-action-4')!;
    expect(daily.evidenceKinds).toContain('backup-runs');
    const alternate = result.items.find((item) => item.key === 'soc2:A1.2-focus-10')!;
    expect(alternate.controls.map((control) => control.key)).toContain('dr-exercise-annual');
  });

  it('shows the evidence: backup runs, restore tests, DR exercises and open deficiencies', async () => {
    const { evidence } = await page();
    expect(evidence.backups.latestRuns.map((run) => run.externalId)).toEqual(['snap-a12']);
    expect(evidence.restoreTests).toMatchObject({ total: 1, passed: 1, failed: 0, verified: 1 });
    expect(evidence.restoreTests.latest[0]).toMatchObject({
      number: 'RT-0001',
      status: 'verified',
    });
    expect(evidence.drExercises.total).toBe(1);
    expect(evidence.drExercises.latest[0]).toMatchObject({ number: 'DR-0001', type: 'tabletop' });
    expect(evidence.openDeficiencies).toHaveLength(1);
    expect(evidence.openDeficiencies[0]).toMatchObject({
      sourceType: 'dr-exercise',
      status: 'open',
    });
  });

  it('answers as the records stood at an earlier instant', async () => {
    const before = await page('?at=2026-03-10T05:00:00Z');
    expect(before.at).toBe('2026-03-10T05:00:00.000Z');
    expect(before.evidence.restoreTests.total).toBe(0);
    expect(before.evidence.drExercises.total).toBe(0);
    expect(before.evidence.openDeficiencies).toEqual([]);
    expect(before.evidence.backups.latestRuns).toHaveLength(1);
  });

  it('is readable by auditors and refused to viewers and bad instants', async () => {
    const auditor = await t.tokenFor('auditor');
    expect((await page('', auditor)).items).toHaveLength(18);
    const viewer = await t.tokenFor('viewer');
    expect((await t.call(viewer, 'GET', '/api/v1/soc2/a1-2')).statusCode).toBe(403);
    expect((await t.call(admin, 'GET', '/api/v1/soc2/a1-2?at=yesterday')).statusCode).toBe(400);
  });
});
