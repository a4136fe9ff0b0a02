import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { Posture } from '../../src/modules/posture/posture.schema.js';
import type { RestoreTestDetail } from '../../src/modules/recovery/restore-test.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { createHash } from 'node:crypto';
import {
  createProductionAsset,
  recordBackupRun,
  signedInPerson,
  uploadAs,
  type Person,
} from '../support/factory.js';

const allChecksPassed = [
  { check: 'Row counts match the source', passed: true, note: '' },
  { check: 'Application smoke test', passed: true, note: 'login and search work' },
];

describe('restore tests against recovery targets', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let performer: Person;
  let verifier: Person;
  let runId: string;
  let otherRunId: string;

  const record = (body: Record<string, unknown>, who: Person = performer) =>
    who.call('POST', '/api/v1/restore-tests', {
      asset: 'db-orders',
      integrityChecks: allChecksPassed,
      ...body,
    });

  const deficienciesOf = async (id: string) =>
    (
      await t.call(admin, 'GET', `/api/v1/nonconformances?source=restore-test&sourceId=${id}`)
    ).json<{ items: NonconformanceView[] }>().items;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    await createProductionAsset(t, admin, 'db-orders');
    await createProductionAsset(t, admin, 'db-billing');
    await createProductionAsset(t, admin, 'infra-config', {
      category: 'storage',
      criticality: 'high',
      tags: ['configuration'],
    });
    runId = await recordBackupRun(t, admin, {
      asset: 'db-orders',
      externalId: 'snap-1',
      recoveryPointAt: '2026-03-09T22:00:00Z',
    });
    otherRunId = await recordBackupRun(t, admin, {
      asset: 'db-billing',
      externalId: 'snap-2',
      recoveryPointAt: '2026-03-09T22:00:00Z',
    });
    const generated = await t.call(admin, 'POST', '/api/v1/occurrences/generate', {
      from: '2026-03-01T00:00:00Z',
      until: '2026-04-30T00:00:00Z',
    });
    expect(generated.statusCode).toBe(200);
    performer = await signedInPerson(t, 'engineering');
    verifier = await signedInPerson(t, 'quality');
  });
  afterAll(() => t.close());

  /** A new restore test of db-orders from its backup run, within the targets. */
  async function recordPassing(): Promise<RestoreTestDetail> {
    const response = await record({
      backupRunId: runId,
      startedAt: '2026-03-10T06:00:00Z',
      finishedAt: '2026-03-10T07:30:00Z',
    });
    expect(response.statusCode).toBe(201);
    return response.json<RestoreTestDetail>();
  }

  it('measures RTO and RPO from the backup run and passes a test within the targets', async () => {
    const passing = await recordPassing();
    expect(passing.number).toMatch(/^RT-\d{4}$/);
    const next = await recordPassing();
    expect(next.number).toBe(`RT-${String(Number(passing.number.slice(3)) + 1).padStart(4, '0')}`);
    expect(passing).toMatchObject({
      assetKey: 'db-orders',
      backupRunId: runId,
      recoveryPointAt: '2026-03-09T22:00:00.000Z',
      recoveryPointSource: 'backup-run',
      measuredRtoSeconds: 90 * 60,
      measuredRpoSeconds: 8 * 3600,
      targetRto: 'PT4H',
      targetRpo: 'PT24H',
      outcome: 'pass',
      failureReasons: [],
      status: 'recorded',
      performerLabel: performer.email,
      deficiencies: [],
    });
    expect(await deficienciesOf(passing.id)).toEqual([]);
  });

  it('fails a restore slower than the RTO and raises a deficiency with its SLA', async () => {
    const response = await record({
      backupRunId: runId,
      startedAt: '2026-03-10T01:00:00Z',
      finishedAt: '2026-03-10T06:00:00Z',
    });
    expect(response.statusCode).toBe(201);
    const test = response.json<RestoreTestDetail>();
    expect(test.outcome).toBe('fail');
    expect(test.failureReasons).toEqual([expect.stringMatching(/beyond the RTO of PT4H/)]);
    const [deficiency] = await deficienciesOf(test.id);
    expect(deficiency).toMatchObject({
      sourceType: 'restore-test',
      deficiency: true,
      status: 'open',
      ownerRole: 'engineering',
      dueOn: '2026-06-08',
      overdue: false,
    });
    expect(test.deficiencies).toEqual([expect.objectContaining({ id: deficiency!.id })]);
    const sla = (
      await t.call(admin, 'GET', `/api/v1/occurrences/${deficiency!.slaOccurrenceId}`)
    ).json<OccurrenceView>();
    expect(sla).toMatchObject({ controlKey: 'dr-deficiency-remediation', status: 'due' });
  });

  it('fails data older than the RPO, given as the recovery point', async () => {
    const test = (
      await record({
        recoveryPointAt: '2026-03-08T00:00:00Z',
        startedAt: '2026-03-10T06:00:00Z',
        finishedAt: '2026-03-10T07:00:00Z',
      })
    ).json<RestoreTestDetail>();
    expect(test).toMatchObject({
      recoveryPointSource: 'given',
      measuredRpoSeconds: 54 * 3600,
      outcome: 'fail',
    });
    expect(test.failureReasons).toEqual([expect.stringMatching(/beyond the RPO of PT24H/)]);
    expect(await deficienciesOf(test.id)).toHaveLength(1);
  });

  it('fails a test whose integrity check failed, even within the targets', async () => {
    const test = (
      await record({
        backupRunId: runId,
        startedAt: '2026-03-10T06:00:00Z',
        finishedAt: '2026-03-10T06:30:00Z',
        integrityChecks: [
          allChecksPassed[0],
          { check: 'Checksums of restored files', passed: false, note: '3 files differ' },
        ],
      })
    ).json<RestoreTestDetail>();
    expect(test.outcome).toBe('fail');
    expect(test.failureReasons).toEqual([
      'Integrity check failed: Checksums of restored files (3 files differ)',
    ]);
    expect(await deficienciesOf(test.id)).toHaveLength(1);
  });

  it('holds configuration to the tighter targets', async () => {
    const test = (
      await record({
        asset: 'infra-config',
        recoveryPointAt: '2026-03-10T04:30:00Z',
        startedAt: '2026-03-10T06:00:00Z',
        finishedAt: '2026-03-10T07:00:00Z',
      })
    ).json<RestoreTestDetail>();
    expect(test).toMatchObject({ targetRto: 'PT2H', targetRpo: 'PT1H', outcome: 'fail' });
    expect(test.failureReasons).toEqual([expect.stringMatching(/RPO of PT1H/)]);
  });

  it('refuses a backup run of another asset, a missing recovery point and reversed times', async () => {
    const issuesOf = async (body: Record<string, unknown>) => {
      const response = await record(body);
      expect(response.statusCode).toBe(400);
      return response
        .json<{ error: { issues: { path: string }[] } }>()
        .error.issues.map((issue) => issue.path);
    };
    const times = { startedAt: '2026-03-10T06:00:00Z', finishedAt: '2026-03-10T07:00:00Z' };
    expect(await issuesOf({ ...times, backupRunId: otherRunId })).toEqual(['body.backupRunId']);
    expect(await issuesOf(times)).toEqual(['body.recoveryPointAt']);
    expect(
      await issuesOf({
        backupRunId: runId,
        startedAt: '2026-03-10T07:00:00Z',
        finishedAt: '2026-03-10T06:00:00Z',
      }),
    ).toEqual(['body.finishedAt']);
    expect(await issuesOf({ ...times, backupRunId: runId, asset: 'no-such-db' })).toEqual([
      'body.asset',
    ]);
  });

  it('keeps evidence files in the encrypted store, downloadable as uploaded', async () => {
    const passing = await recordPassing();
    const log = Buffer.from('restic restore 4f2a…: 1,204,331 files restored, 0 errors\n');
    const uploaded = await uploadAs(
      t,
      performer,
      `/api/v1/restore-tests/${passing.id}/evidence`,
      'restore.log',
      log,
    );
    expect(uploaded.statusCode).toBe(201);
    const sha256 = createHash('sha256').update(log).digest('hex');
    expect(uploaded.json()).toMatchObject({
      filename: 'restore.log',
      sha256,
      sizeBytes: log.length,
    });
    const detail = (
      await t.call(admin, 'GET', `/api/v1/restore-tests/${passing.id}`)
    ).json<RestoreTestDetail>();
    expect(detail.evidence.map((file) => file.sha256)).toEqual([sha256]);
    const download = await t.call(
      admin,
      'GET',
      `/api/v1/evidence/${detail.evidence[0]!.id}/download`,
    );
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(log)).toBe(true);
  });

  it('tells each caller whether they may verify, by the rule the server enforces', async () => {
    const passing = await recordPassing();
    const detailUrl = `/api/v1/restore-tests/${passing.id}`;
    const asPerformer = await performer.call('GET', detailUrl);
    expect(asPerformer.json<RestoreTestDetail>().abilities.verify).toEqual({
      allowed: false,
      reason: 'a restore test cannot be verified by its own performer',
    });
    const asVerifier = await verifier.call('GET', detailUrl);
    expect(asVerifier.json<RestoreTestDetail>().abilities.verify).toEqual({
      allowed: true,
      reason: null,
    });
    const asToken = await t.call(await t.tokenFor('quality'), 'GET', detailUrl);
    expect(asToken.json<RestoreTestDetail>().abilities.verify.allowed).toBe(false);
    expect(asToken.json<RestoreTestDetail>().abilities.verify.reason).toMatch(/token/);
  });

  it('refuses a verification by the performer, with a wrong password, or by a token', async () => {
    const passing = await recordPassing();
    const url = `/api/v1/restore-tests/${passing.id}/verify`;
    const own = await performer.call('POST', url, { password: TEST_PASSWORD });
    expect(own.statusCode).toBe(409);
    expect(own.json<{ error: { message: string } }>().error.message).toMatch(/own performer/);
    const wrong = await verifier.call('POST', url, { password: 'not the password' });
    expect(wrong.json<{ error: { message: string } }>().error.message).toMatch(/password is wrong/);
    expect(wrong.statusCode).toBe(401);
    const failed = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', passing.id)
      .where('action', '=', 'signature.failed')
      .execute();
    expect(failed).toHaveLength(1);
    const token = await t.tokenFor('quality');
    expect((await t.call(token, 'POST', url, { password: TEST_PASSWORD })).statusCode).toBe(403);
    const auditor = await t.tokenFor('auditor');
    expect((await t.call(auditor, 'POST', url, { password: TEST_PASSWORD })).statusCode).toBe(403);
  });

  it('satisfies nothing with a restore of an asset outside the controls’ scope', async () => {
    const created = await t.call(admin, 'POST', '/api/v1/assets', {
      key: 'db-dev',
      name: 'Development database',
      category: 'database',
      environment: 'development',
      ownerRole: 'engineering',
      criticality: 'low',
      dataClassification: 'internal',
    });
    expect(created.statusCode).toBe(201);
    const test = (
      await record({
        asset: 'db-dev',
        recoveryPointAt: '2026-03-10T05:00:00Z',
        startedAt: '2026-03-10T06:00:00Z',
        finishedAt: '2026-03-10T06:30:00Z',
      })
    ).json<RestoreTestDetail>();
    expect(test.outcome).toBe('pass');
    const verified = await verifier.call('POST', `/api/v1/restore-tests/${test.id}/verify`, {
      password: TEST_PASSWORD,
    });
    expect(verified.json<RestoreTestDetail>()).toMatchObject({
      status: 'verified',
      satisfiedOccurrences: [],
    });
  });

  it('verified by a second person, satisfies the month’s restore test and the quarter’s integrity check', async () => {
    const passing = await recordPassing();
    clock.set('2026-03-10T09:05:00Z');
    const response = await verifier.call('POST', `/api/v1/restore-tests/${passing.id}/verify`, {
      password: TEST_PASSWORD,
      note: 'Checked the restore log and the row counts.',
    });
    expect(response.statusCode).toBe(200);
    const verified = response.json<RestoreTestDetail>();
    expect(verified).toMatchObject({
      status: 'verified',
      verifierLabel: verifier.signerLabel,
      verifiedAt: '2026-03-10T09:05:00.000Z',
    });
    expect(verified.signatureId).not.toBeNull();
    expect(verified.satisfiedOccurrences.map((o) => o.controlKey).sort()).toEqual([
      'backup-integrity-quarterly',
      'restore-test-monthly',
    ]);
    const occurrences = (
      await t.call(admin, 'GET', '/api/v1/occurrences?control=restore-test-monthly')
    ).json<{ items: OccurrenceView[] }>().items;
    const march = occurrences.find((o) => o.periodKey === '2026-03')!;
    expect(march.status).toBe('verified');
    expect(march.events.map((e) => e.kind)).toEqual(['completed', 'verified']);
    expect(march.events[1]!.note).toContain(passing.number);
    const integrity = (
      await t.call(
        admin,
        'GET',
        '/api/v1/occurrences?control=backup-integrity-quarterly&asset=db-orders',
      )
    ).json<{ items: OccurrenceView[] }>().items;
    expect(integrity.find((o) => o.periodKey === '2026-Q1')!.status).toBe('verified');

    const posture = (await t.call(admin, 'GET', '/api/v1/posture')).json<Posture>();
    const control = posture.controls.find((c) => c.key === 'restore-test-monthly')!;
    expect(control.currentOccurrences.verified).toBe(1);
    expect(control.status).toBe('passing');

    const late = await uploadAs(
      t,
      performer,
      `/api/v1/restore-tests/${passing.id}/evidence`,
      'late.log',
      Buffer.from('after the signature'),
    );
    expect(late.statusCode).toBe(409);
    const again = await verifier.call('POST', `/api/v1/restore-tests/${passing.id}/verify`, {
      password: TEST_PASSWORD,
    });
    expect(again.statusCode).toBe(409);
  });

  it('lists restore tests by asset and outcome for anyone who reads work', async () => {
    await createProductionAsset(t, admin, 'db-listed');
    const times = { startedAt: '2026-03-10T06:00:00Z', finishedAt: '2026-03-10T07:00:00Z' };
    for (const recoveryPointAt of [
      '2026-03-10T05:00:00Z',
      '2026-03-08T00:00:00Z',
      '2026-03-07T00:00:00Z',
      '2026-03-06T00:00:00Z',
    ]) {
      const response = await record({ asset: 'db-listed', recoveryPointAt, ...times });
      expect(response.statusCode).toBe(201);
    }
    const auditor = await t.tokenFor('auditor');
    const failing = (
      await t.call(auditor, 'GET', '/api/v1/restore-tests?asset=db-listed&outcome=fail')
    ).json<{ items: RestoreTestDetail[] }>().items;
    expect(failing).toHaveLength(3);
    expect(failing.every((test) => test.outcome === 'fail')).toBe(true);
    const viewer = await t.tokenFor('viewer');
    expect((await t.call(viewer, 'GET', '/api/v1/restore-tests')).statusCode).toBe(403);
  });
});
