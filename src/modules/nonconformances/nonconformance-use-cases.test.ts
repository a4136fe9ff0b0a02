import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionAsset } from '../../../test/support/factory.js';
import {
  auditedActionsOf,
  refusal,
  sessionPerson,
} from '../../../test/support/use-case-helpers.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/test-app.js';
import { mutate } from '../../platform/audit/mutate.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { FixedClock } from '../../platform/clock.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { recordTriggerEvent } from '../occurrences/record-trigger-event.js';
import { satisfyOccurrence } from '../occurrences/satisfy-occurrence.js';
import type { SessionPrincipal } from '../signatures/sign-record.js';
import { resolveDeficiency } from './deficiency.service.js';
import { getNonconformance } from './nonconformance.service.js';
import type { NonconformanceView } from './nonconformance.schema.js';
import { raiseDeficiency } from './raise-deficiency.js';
import { raiseNonconformance } from './raise-nonconformance.js';
import { raiseNonconformances } from './raise-nonconformances.js';
import { startDeficiencySla } from './start-deficiency-sla.js';
import { verifyDeficiencyClosure } from './verify-deficiency-closure.js';
import { withdrawSatisfiedNonconformances } from './withdraw-satisfied-nonconformances.js';

/** Raising, closing and withdrawing nonconformances, called directly with a caller. */
describe('nonconformance use cases', () => {
  const start = '2026-03-10T09:00:00Z';
  const clock = new FixedClock(start);
  let t: TestApp;
  const person = (role: UserRole) => sessionPerson(t, role);
  const auditedActions = (entityId: string) => auditedActionsOf(t, entityId);
  let admin: string;
  let quality: SessionPrincipal;

  /** A deficiency of a restore test of its own, raised as a restore test raises it. */
  async function deficiency(): Promise<NonconformanceView> {
    const raised = await mutate(t.ctx, quality.actor, (tx) =>
      raiseDeficiency(t.ctx, tx, {
        sourceType: 'restore-test',
        sourceId: randomUUID(),
        sourceItem: '',
        title: 'Restore test failed',
        description: 'Checksums differ.',
        ownerRole: 'engineering',
        owner: { owner_user_id: null, owner_user_label: null },
        dueOn: '2026-06-08',
      }),
    );
    return raised!;
  }

  const closeInput = { credentials: { password: TEST_PASSWORD }, note: 'Restore re-run passed.' };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    quality = await person('quality');
  });
  afterAll(() => t.close());

  it('raises a nonconformance by hand with its owner person, audited', async () => {
    clock.set(start);
    const owner = await person('engineering');
    const raised = await raiseNonconformance(t.ctx, quality.actor, {
      title: 'Supplier audit finding',
      description: 'The hosting provider could not show its last restore test.',
      requirementNotMet: 'SOP-018 5.4',
      containment: 'Asked for the report.',
      disposition: 'Re-audit in a month.',
      impactAssessment: 'No data was lost.',
      owner: 'engineering',
      ownerUserId: owner.userId,
      dueOn: '2026-04-10',
    });
    expect(raised).toMatchObject({
      sourceType: 'manual',
      deficiency: false,
      status: 'open',
      raisedBy: quality.actor.label,
      ownerRole: 'engineering',
      ownerUserId: owner.userId,
      ownerUserLabel: expect.stringContaining(owner.actor.label) as string,
      dueOn: '2026-04-10',
    });
    expect(await auditedActions(raised.id)).toEqual(['nonconformance.raised']);

    const nobody = await refusal(
      raiseNonconformance(t.ctx, quality.actor, {
        title: 'Owned by nobody',
        description: 'd',
        requirementNotMet: 'r',
        containment: 'c',
        disposition: 'd',
        impactAssessment: 'i',
        owner: 'engineering',
        ownerUserId: randomUUID(),
        dueOn: '2026-04-10',
      }),
    );
    expect(nobody).toMatchObject({ code: 'validation_failed' });
    expect(nobody.issues).toEqual([{ path: 'body.ownerUserId', message: 'is not an active user' }]);
  });

  it('raises a deficiency once per source item, in the caller’s transaction', async () => {
    clock.set(start);
    const sourceId = randomUUID();
    // A raise that finds it raised writes nothing: its caller's record carries the audit entry.
    const raise = () =>
      mutate(
        t.ctx,
        quality.actor,
        (tx) =>
          raiseDeficiency(t.ctx, tx, {
            sourceType: 'dr-exercise',
            sourceId,
            sourceItem: '1',
            title: 'Runbook lacks DNS step',
            description: '',
            ownerRole: 'engineering',
            owner: { owner_user_id: null, owner_user_label: null },
            dueOn: '2026-06-08',
          }),
        { mayFindNothingToDo: true },
      );
    const first = await raise();
    expect(first).toMatchObject({ deficiency: true, status: 'open', sourceItem: '1' });
    expect(await raise()).toBeUndefined();
    expect(await auditedActions(first!.id)).toEqual(['nonconformance.raised']);
  });

  it('closes a deficiency only once resolved, by someone other than its resolver', async () => {
    clock.set(start);
    const raised = await deficiency();
    const engineer = await person('engineering');
    const early = await refusal(verifyDeficiencyClosure(t.ctx, quality, raised.id, closeInput));
    expect(early).toMatchObject({
      code: 'conflict',
      message: 'The deficiency is open: it cannot be closed (only when resolved)',
    });
    await resolveDeficiency(t.ctx, engineer.actor, raised.id, 'Re-ran the restore: it passed.');

    const own = await refusal(verifyDeficiencyClosure(t.ctx, engineer, raised.id, closeInput));
    expect(own).toMatchObject({
      code: 'conflict',
      message: 'a deficiency cannot be verified closed by its own resolver',
    });
    const viewer = await refusal(
      verifyDeficiencyClosure(t.ctx, await person('viewer'), raised.id, closeInput),
    );
    expect(viewer.code).toBe('forbidden');
    const wrong = await refusal(
      verifyDeficiencyClosure(t.ctx, quality, raised.id, {
        credentials: { password: 'wrong' },
        note: 'x',
      }),
    );
    expect(wrong.code).toBe('unauthenticated');
    expect((await getNonconformance(t.ctx, raised.id)).status).toBe('resolved');
    expect(await auditedActions(raised.id)).toEqual([
      'nonconformance.raised',
      'nonconformance.resolved',
      'signature.failed',
    ]);
  });

  it('closes a resolved deficiency on a second person’s signature and verifies its SLA', async () => {
    clock.set(start);
    const raised = await deficiency();
    await startDeficiencySla(t.ctx, quality.actor, [raised]);
    const withSla = await getNonconformance(t.ctx, raised.id);
    expect(withSla.slaOccurrenceId).not.toBeNull();
    const engineer = await person('engineering');
    await resolveDeficiency(t.ctx, engineer.actor, raised.id, 'Re-ran the restore: it passed.');

    const closed = await verifyDeficiencyClosure(t.ctx, quality, raised.id, closeInput);
    expect(closed).toMatchObject({
      status: 'closed',
      closedAt: clock.now().toISOString(),
      closedByLabel: expect.stringContaining(quality.actor.label) as string,
    });
    expect(closed.closureSignatureId).not.toBeNull();
    expect((await getOccurrence(t.ctx, withSla.slaOccurrenceId!)).status).toBe('verified');
    expect((await auditedActions(raised.id)).at(-1)).toBe('nonconformance.closed');
    const again = await refusal(
      verifyDeficiencyClosure(t.ctx, await person('quality'), raised.id, closeInput),
    );
    expect(again.code).toBe('conflict');
  });

  it('never closes a nonconformance raised by hand by a deficiency signature', async () => {
    clock.set(start);
    const manual = await raiseNonconformance(t.ctx, quality.actor, {
      title: 'Complaint',
      description: 'd',
      requirementNotMet: 'r',
      containment: 'c',
      disposition: 'd',
      impactAssessment: 'i',
      owner: 'quality',
      dueOn: '2026-04-10',
    });
    const error = await refusal(verifyDeficiencyClosure(t.ctx, quality, manual.id, closeInput));
    expect(error).toMatchObject({
      code: 'conflict',
      message: 'Only a deficiency found by a restore test or DR exercise can be closed',
    });
  });

  it('withdraws a missed-work nonconformance once its misses are satisfied, and no other', async () => {
    // Two critical patch occurrences due within 72 hours, both missed a week after.
    const at = '2026-09-01T08:00:00Z';
    clock.set(at);
    const missed = async () => {
      const key = `nc-${randomUUID().slice(0, 8)}`;
      await createProductionAsset(t, admin, key);
      const event = await recordTriggerEvent(t.ctx, quality.actor, {
        type: 'critical-patch-released',
        asset: key,
        details: {},
        at,
      });
      return event.occurrenceIds[0]!;
    };
    const satisfiedLate = await missed();
    const stillMissed = await missed();
    clock.set('2026-09-12T09:00:00Z');
    await raiseNonconformances(t.ctx);
    const raisedFor = async (occurrenceId: string) =>
      t.ctx.db
        .selectFrom('nonconformances')
        .select(['id', 'number'])
        .where('source_id', '=', occurrenceId)
        .executeTakeFirstOrThrow();
    const toWithdraw = await raisedFor(satisfiedLate);
    const toKeep = await raisedFor(stillMissed);

    // Evidence recorded late for one of them: the work had been done.
    const occurrence = await getOccurrence(t.ctx, satisfiedLate);
    expect(occurrence.status).toBe('missed');
    await mutate(t.ctx, quality.actor, (tx) =>
      satisfyOccurrence(tx, occurrence, { note: 'Patch log imported late.' }),
    );

    const { withdrawn } = await withdrawSatisfiedNonconformances(t.ctx);
    expect(withdrawn).toContain(`NC-${String(toWithdraw.number).padStart(4, '0')}`);
    expect(withdrawn).not.toContain(`NC-${String(toKeep.number).padStart(4, '0')}`);
    const closed = await getNonconformance(t.ctx, toWithdraw.id);
    expect(closed).toMatchObject({ status: 'closed', closedByLabel: 'plumbline' });
    expect(closed.resolutionNote).toMatch(/satisfied by evidence recorded after its window/);
    expect((await auditedActions(toWithdraw.id)).at(-1)).toBe('nonconformance.withdrawn');
    expect((await getNonconformance(t.ctx, toKeep.id)).status).toBe('open');
    // Running it again withdraws nothing more.
    expect((await withdrawSatisfiedNonconformances(t.ctx)).withdrawn).toEqual([]);
  });
});
