import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionAsset } from '../../../test/support/factory.js';
import {
  auditedActionsOf,
  refusal,
  sessionPerson,
} from '../../../test/support/use-case-helpers.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/test-app.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { FixedClock } from '../../platform/clock.js';
import { getNonconformance } from '../nonconformances/nonconformance.service.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import type { SessionPrincipal } from '../signatures/sign-record.js';
import { recordDrExercise } from './record-dr-exercise.js';
import { recordRestoreTest } from './record-restore-test.js';
import { recordDrExerciseBodySchema } from './dr-exercise.schema.js';
import { recordRestoreTestBodySchema } from './restore-test.schema.js';
import { verifyDrExercise } from './verify-dr-exercise.js';
import { verifyRestoreTest } from './verify-restore-test.js';

/** Recording and verifying restore tests and DR exercises, called directly with a caller. */
describe('recovery use cases', () => {
  const clock = new FixedClock('2026-05-12T09:00:00Z');
  let t: TestApp;
  const person = (role: UserRole) => sessionPerson(t, role);
  const auditedActions = (entityId: string) => auditedActionsOf(t, entityId);
  let admin: string;
  let recorder: SessionPrincipal;

  /** A restore test of a database of its own, five minutes long, of data a minute old. */
  async function restoreTest(integrityPassed: boolean) {
    const asset = `rt-${randomUUID().slice(0, 8)}`;
    await createProductionAsset(t, admin, asset);
    return recordRestoreTest(
      t.ctx,
      recorder.actor,
      recordRestoreTestBodySchema.parse({
        asset,
        startedAt: '2026-05-12T08:00:00Z',
        finishedAt: '2026-05-12T08:05:00Z',
        recoveryPointAt: '2026-05-12T07:59:00Z',
        integrityChecks: [
          { check: 'Row count of orders matches', passed: true },
          { check: 'Checksums of invoices match', passed: integrityPassed, note: '3 differ' },
        ],
      }),
    );
  }

  const verifyInput = { credentials: { password: TEST_PASSWORD }, note: 'Evidence checked.' };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    recorder = await person('engineering');
  });
  afterAll(() => t.close());

  it('records a passing restore test against the asset’s targets, audited', async () => {
    const recorded = await restoreTest(true);
    expect(recorded).toMatchObject({
      outcome: 'pass',
      failureReasons: [],
      status: 'recorded',
      measuredRtoSeconds: 300,
      measuredRpoSeconds: 60,
      recoveryPointSource: 'given',
      performerLabel: recorder.actor.label,
      deficiencies: [],
    });
    expect(await auditedActions(recorded.id)).toEqual(['restore_test.recorded']);
  });

  it('raises a deficiency for a failed restore test and starts its remediation SLA', async () => {
    const recorded = await restoreTest(false);
    expect(recorded.outcome).toBe('fail');
    expect(recorded.failureReasons).toEqual([
      'Integrity check failed: Checksums of invoices match (3 differ)',
    ]);
    expect(recorded.deficiencies).toHaveLength(1);
    const deficiency = await getNonconformance(t.ctx, recorded.deficiencies[0]!.id);
    expect(deficiency).toMatchObject({
      sourceType: 'restore-test',
      sourceId: recorded.id,
      status: 'open',
      ownerRole: 'engineering',
    });
    expect(deficiency.slaOccurrenceId).not.toBeNull();
    const sla = await getOccurrence(t.ctx, deficiency.slaOccurrenceId!);
    expect(sla.controlKey).toBe('dr-deficiency-remediation');
    expect(await auditedActions(deficiency.id)).toEqual([
      'nonconformance.raised',
      'nonconformance.sla_started',
    ]);
  });

  it('refuses a restore test of an unknown asset, naming the field', async () => {
    const error = await refusal(
      recordRestoreTest(
        t.ctx,
        recorder.actor,
        recordRestoreTestBodySchema.parse({
          asset: 'no-such-asset',
          startedAt: '2026-05-12T08:00:00Z',
          finishedAt: '2026-05-12T08:05:00Z',
          recoveryPointAt: '2026-05-12T07:59:00Z',
          integrityChecks: [{ check: 'Row count', passed: true }],
        }),
      ),
    );
    expect(error.code).toBe('validation_failed');
    expect(error.issues).toEqual([
      { path: 'body.asset', message: 'there is no asset no-such-asset' },
    ]);
  });

  it('refuses verification by the performer, by a role that cannot verify, and by a token', async () => {
    const recorded = await restoreTest(true);
    const own = await refusal(verifyRestoreTest(t.ctx, recorder, recorded.id, verifyInput));
    expect(own).toMatchObject({
      code: 'conflict',
      message: 'a restore test cannot be verified by its own performer',
    });
    const viewer = await refusal(
      verifyRestoreTest(t.ctx, await person('viewer'), recorded.id, verifyInput),
    );
    expect(viewer.code).toBe('forbidden');
    const token = await refusal(
      verifyRestoreTest(
        t.ctx,
        { via: 'token', actor: { ...recorder.actor, type: 'token' }, tokenId: randomUUID() },
        recorded.id,
        verifyInput,
      ),
    );
    expect(token).toMatchObject({ code: 'forbidden', message: /API token cannot sign/ });
    const wrong = await refusal(
      verifyRestoreTest(t.ctx, await person('quality'), recorded.id, {
        credentials: { password: 'wrong' },
        note: 'x',
      }),
    );
    expect(wrong).toMatchObject({
      code: 'unauthenticated',
      message: 'Signature refused: the password is wrong',
    });
    expect(await auditedActions(recorded.id)).toEqual([
      'restore_test.recorded',
      'signature.failed',
    ]);
  });

  it('verifies a restore test by a second person once, with a signature', async () => {
    const recorded = await restoreTest(false);
    const quality = await person('quality');
    const verified = await verifyRestoreTest(t.ctx, quality, recorded.id, verifyInput);
    expect(verified).toMatchObject({
      status: 'verified',
      verifiedAt: clock.now().toISOString(),
      verifierLabel: expect.stringContaining(quality.actor.label) as string,
    });
    expect(verified.signatureId).not.toBeNull();
    // A failed test is verified as a record; its deficiency stays open for the follow-up.
    expect(verified.deficiencies[0]!.status).toBe('open');
    expect((await auditedActions(recorded.id)).at(-1)).toBe('restore_test.verified');
    const again = await refusal(
      verifyRestoreTest(t.ctx, await person('quality'), recorded.id, verifyInput),
    );
    expect(again).toMatchObject({
      code: 'conflict',
      message: 'This restore test is already verified',
    });
  });

  it('records a DR exercise with owned deficiencies and their SLAs, and refuses an unknown asset', async () => {
    const owner = await person('engineering');
    const exercise = {
      type: 'tabletop',
      scenario: 'The primary database region is lost.',
      startedAt: '2026-05-11T09:00:00Z',
      finishedAt: '2026-05-11T12:00:00Z',
      participants: [{ name: 'Ada', role: 'incident lead' }],
      outcome: 'passed-with-deficiencies',
      recoveryMeasurements: [{ service: 'orders', measured: 'PT2H', targetRto: 'PT4H' }],
      deficiencies: [{ title: 'Runbook lacks DNS step', ownerUserId: owner.userId }],
    };
    const recorded = await recordDrExercise(
      t.ctx,
      recorder.actor,
      recordDrExerciseBodySchema.parse(exercise),
    );
    expect(recorded).toMatchObject({ status: 'completed', outcome: 'passed-with-deficiencies' });
    expect(recorded.deficiencies).toMatchObject([
      {
        title: `${recorded.number}: Runbook lacks DNS step`,
        status: 'open',
        ownerUserLabel: expect.stringContaining(owner.actor.label) as string,
      },
    ]);
    const deficiency = await getNonconformance(t.ctx, recorded.deficiencies[0]!.id);
    expect(deficiency).toMatchObject({ sourceType: 'dr-exercise', sourceItem: '1' });
    expect(deficiency.slaOccurrenceId).not.toBeNull();
    expect(await auditedActions(recorded.id)).toEqual(['dr_exercise.recorded']);

    const unknownAsset = await refusal(
      recordDrExercise(
        t.ctx,
        recorder.actor,
        recordDrExerciseBodySchema.parse({
          ...exercise,
          recoveryMeasurements: [{ asset: 'no-such-asset', measured: 'PT1H' }],
        }),
      ),
    );
    expect(unknownAsset.code).toBe('validation_failed');
    expect(unknownAsset.issues[0]!.path).toBe('body.recoveryMeasurements.0.asset');
    const unknownOwner = await refusal(
      recordDrExercise(
        t.ctx,
        recorder.actor,
        recordDrExerciseBodySchema.parse({
          ...exercise,
          deficiencies: [{ title: 'Nobody owns this', ownerUserId: randomUUID() }],
        }),
      ),
    );
    expect(unknownOwner.issues).toEqual([
      { path: 'body.deficiencies.0.ownerUserId', message: 'is not an active user' },
    ]);
  });

  it('verifies a DR exercise by a second person, never by whoever recorded it', async () => {
    const recorded = await recordDrExercise(
      t.ctx,
      recorder.actor,
      recordDrExerciseBodySchema.parse({
        type: 'live-failover',
        scenario: 'Fail the orders service over to the standby site.',
        startedAt: '2026-05-10T09:00:00Z',
        finishedAt: '2026-05-10T10:00:00Z',
        participants: [{ name: 'Grace', role: 'DBA' }],
        outcome: 'passed',
      }),
    );
    const own = await refusal(verifyDrExercise(t.ctx, recorder, recorded.id, verifyInput));
    expect(own).toMatchObject({
      code: 'conflict',
      message: 'a DR exercise cannot be verified by its own performer',
    });
    const verified = await verifyDrExercise(t.ctx, await person('quality'), recorded.id, {
      ...verifyInput,
    });
    expect(verified.status).toBe('verified');
    expect(await auditedActions(recorded.id)).toEqual([
      'dr_exercise.recorded',
      'dr_exercise.verified',
    ]);
  });
});
