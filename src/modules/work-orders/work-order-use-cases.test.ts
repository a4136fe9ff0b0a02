import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProductionAsset } from '../../../test/support/factory.js';
import {
  auditedActionsOf,
  refusal,
  sessionPerson,
} from '../../../test/support/use-case-helpers.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../../../test/support/test-app.js';
import type { Actor } from '../../platform/audit/actor.js';
import type { UserRole } from '../../platform/auth/roles.js';
import { FixedClock } from '../../platform/clock.js';
import type { Principal } from '../../platform/http/principal.js';
import { getOccurrence } from '../occurrences/list-occurrences.js';
import { recordTriggerEvent } from '../occurrences/record-trigger-event.js';
import type { SessionPrincipal } from '../signatures/sign-record.js';
import { completeWorkOrder } from './complete-work-order.js';
import { createCorrectiveWorkOrder } from './create-corrective-work-order.js';
import { markNotApplicable } from './mark-not-applicable.js';
import { signCloseout } from './sign-closeout.js';
import { startWorkOrder } from './start-work-order.js';
import { tickChecklistItem } from './tick-checklist-item.js';
import { getWorkOrder } from './work-order-views.js';

/** The use cases of a work order, called directly with a caller, on a real test database. */
describe('work order use cases', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  const person = (role: UserRole) => sessionPerson(t, role);
  const auditedActions = (entityId: string) => auditedActionsOf(t, entityId);
  let admin: string;
  let performer: SessionPrincipal;

  /** The audit actions recorded for one entity, oldest first. */
  /**
   * A critical-patch-72h occurrence of an asset of its own (the control names security as its
   * verifier role and expects no file), so each test can run alone and in any order.
   */
  async function patchOccurrence(): Promise<string> {
    const key = `wo-${randomUUID().slice(0, 8)}`;
    await createProductionAsset(t, admin, key);
    const event = await recordTriggerEvent(t.ctx, performer.actor, {
      type: 'critical-patch-released',
      asset: key,
      details: {},
      at: clock.now().toISOString(),
    });
    expect(event.occurrenceIds).toHaveLength(1);
    return event.occurrenceIds[0]!;
  }

  /** A work order started, every item ticked and completed by the performer. */
  async function completedWorkOrder(): Promise<string> {
    const { workOrder } = await startWorkOrder(t.ctx, performer.actor, await patchOccurrence());
    for (const item of (await getWorkOrder(t.ctx, workOrder.id)).checklist)
      await tickChecklistItem(t.ctx, performer.actor, workOrder.id, item.id, true);
    await completeWorkOrder(t.ctx, performer.actor, workOrder.id, 'Patched and scanned.');
    return workOrder.id;
  }

  const signWithPassword = (principal: Principal, id: string, meaning: 'verified' | 'rejected') =>
    signCloseout(t.ctx, principal, id, {
      meaning,
      credentials: { password: TEST_PASSWORD },
      note: meaning === 'verified' ? 'Scan shows the fixed version.' : 'No scan attached.',
    });

  /** The AppError a call fails with. */
  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    performer = await person('engineering');
  });
  afterAll(() => t.close());

  it('starts one work order per occurrence with the control’s checklist, audited with it', async () => {
    const occurrenceId = await patchOccurrence();
    const first = await startWorkOrder(t.ctx, performer.actor, occurrenceId);
    expect(first.created).toBe(true);
    expect(first.workOrder).toMatchObject({
      kind: 'preventive',
      status: 'in_progress',
      occurrenceId,
      controlKey: 'critical-patch-72h',
      ownerRole: 'engineering',
      createdBy: performer.actor.label,
    });
    const again = await startWorkOrder(t.ctx, performer.actor, occurrenceId);
    expect(again).toEqual({ created: false, workOrder: first.workOrder });

    const detail = await getWorkOrder(t.ctx, first.workOrder.id);
    expect(detail.checklist).toHaveLength(4);
    expect(detail.checklist.every((item) => !item.done)).toBe(true);
    expect((await getOccurrence(t.ctx, occurrenceId)).status).toBe('in_progress');
    expect(await auditedActions(first.workOrder.id)).toEqual(['work_order.created']);
    expect(await auditedActions(occurrenceId)).toContain('occurrence.started');
  });

  it('refuses to complete with items undone, naming them, and completes once all are ticked', async () => {
    const { workOrder } = await startWorkOrder(t.ctx, performer.actor, await patchOccurrence());
    const [first, ...rest] = (await getWorkOrder(t.ctx, workOrder.id)).checklist;
    await tickChecklistItem(t.ctx, performer.actor, workOrder.id, first!.id, true);

    const unfinished = await refusal(
      completeWorkOrder(t.ctx, performer.actor, workOrder.id, 'Done, I think.'),
    );
    expect(unfinished.code).toBe('conflict');
    expect(unfinished.message).toMatch(/checklist is not finished: 2\. /);
    expect(unfinished.details?.undoneItems).toEqual(
      rest.map((item) => ({ id: item.id, position: item.position, text: item.text })),
    );

    const untick = await tickChecklistItem(t.ctx, performer.actor, workOrder.id, first!.id, false);
    expect(untick).toMatchObject({ done: false, doneBy: null, doneAt: null });
    for (const item of [first!, ...rest]) {
      const ticked = await tickChecklistItem(t.ctx, performer.actor, workOrder.id, item.id, true);
      expect(ticked).toMatchObject({
        done: true,
        doneBy: performer.actor.label,
        doneAt: clock.now().toISOString(),
      });
    }
    const done = await completeWorkOrder(t.ctx, performer.actor, workOrder.id, 'Patched.');
    expect(done).toMatchObject({
      status: 'done',
      performerId: performer.userId,
      performerLabel: performer.actor.label,
      completionNote: 'Patched.',
    });
    expect((await getOccurrence(t.ctx, workOrder.occurrenceId!)).status).toBe('done');
    // The refused completion rolled back: one audit entry per change that happened.
    expect(await auditedActions(workOrder.id)).toEqual([
      'work_order.created',
      'work_order.checklist_item_done',
      'work_order.checklist_item_undone',
      ...Array<string>(4).fill('work_order.checklist_item_done'),
      'work_order.completed',
    ]);
    // A completed closeout is no longer worked on.
    const late = await refusal(
      tickChecklistItem(t.ctx, performer.actor, workOrder.id, first!.id, false),
    );
    expect(late.code).toBe('conflict');
  });

  it('refuses the closeout signature of the performer, of another role and of a token', async () => {
    const id = await completedWorkOrder();
    const own = await refusal(signWithPassword(performer, id, 'verified'));
    expect(own).toMatchObject({
      code: 'conflict',
      message: 'a closeout cannot be verified by its own performer',
    });
    const quality = await refusal(signWithPassword(await person('quality'), id, 'verified'));
    expect(quality).toMatchObject({
      code: 'forbidden',
      message: "This control's closeout must be verified by someone with the security role",
    });
    const tokenActor: Actor = { type: 'token', id: randomUUID(), label: 'token:ci', role: 'admin' };
    const token = await refusal(
      signWithPassword({ via: 'token', actor: tokenActor, tokenId: randomUUID() }, id, 'verified'),
    );
    expect(token.code).toBe('forbidden');
    expect((await getWorkOrder(t.ctx, id)).status).toBe('done');
    expect(await auditedActions(id)).not.toContain('work_order.verified');
  });

  it('audits a signature refused for a wrong password and changes nothing else', async () => {
    const id = await completedWorkOrder();
    const security = await person('security');
    const wrong = await refusal(
      signCloseout(t.ctx, security, id, {
        meaning: 'verified',
        credentials: { password: 'not the password' },
        note: 'Looks fine.',
      }),
    );
    expect(wrong).toMatchObject({
      code: 'unauthenticated',
      message: 'Signature refused: the password is wrong',
    });
    expect((await getWorkOrder(t.ctx, id)).status).toBe('done');
    expect((await auditedActions(id)).at(-1)).toBe('signature.failed');
  });

  it('verifies a closeout signed by a second person in the verifier role, and the occurrence with it', async () => {
    const id = await completedWorkOrder();
    const security = await person('security');
    const verified = await signWithPassword(security, id, 'verified');
    expect(verified.status).toBe('verified');
    const detail = await getWorkOrder(t.ctx, id);
    expect(detail.signatures).toMatchObject([{ meaning: 'verified', method: 'password' }]);
    expect((await getOccurrence(t.ctx, verified.occurrenceId!)).status).toBe('verified');
    expect((await auditedActions(id)).slice(-2)).toEqual([
      'work_order.completed',
      'work_order.verified',
    ]);
    const twice = await refusal(signWithPassword(await person('security'), id, 'verified'));
    expect(twice.code).toBe('conflict');
  });

  it('sends a rejected closeout back to work, and the performer may complete it again', async () => {
    const id = await completedWorkOrder();
    const rejected = await signWithPassword(await person('security'), id, 'rejected');
    expect(rejected).toMatchObject({ status: 'in_progress', completedAt: null });
    expect((await auditedActions(id)).at(-1)).toBe('work_order.rejected');
    const again = await completeWorkOrder(t.ctx, performer.actor, id, 'Scan attached now.');
    expect(again.status).toBe('done');
  });

  it('marks an occurrence not applicable with its justification, only while it is open', async () => {
    const occurrenceId = await patchOccurrence();
    const reason = 'The component is not installed on this host.';
    const marked = await markNotApplicable(t.ctx, performer.actor, occurrenceId, reason);
    expect(marked.status).toBe('not_applicable');
    const audited = await t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'actor_label', 'after'])
      .where('entity_id', '=', occurrenceId)
      .where('action', '=', 'occurrence.not_applicable')
      .execute();
    expect(audited).toHaveLength(1);
    expect(audited[0]!.actor_label).toBe(performer.actor.label);
    expect(JSON.stringify(audited[0]!.after)).toContain(reason);

    const twice = await refusal(markNotApplicable(t.ctx, performer.actor, occurrenceId, reason));
    expect(twice.code).toBe('conflict');
  });

  it('opens a corrective work order owned by the control’s owner, or by the creator’s role', async () => {
    const key = `wo-${randomUUID().slice(0, 8)}`;
    await createProductionAsset(t, admin, key);
    const quality = await person('quality');
    const aboutControl = await createCorrectiveWorkOrder(t.ctx, quality.actor, {
      title: 'Replace the failed disk',
      description: 'The RAID is degraded.',
      assetKey: key,
      controlKey: 'critical-patch-72h',
    });
    expect(aboutControl).toMatchObject({
      kind: 'corrective',
      status: 'open',
      occurrenceId: null,
      assetKey: key,
      controlKey: 'critical-patch-72h',
      ownerRole: 'engineering',
      createdBy: quality.actor.label,
    });
    expect(await auditedActions(aboutControl.id)).toEqual(['work_order.created']);

    const free = await createCorrectiveWorkOrder(t.ctx, quality.actor, {
      title: 'Tidy the rack',
      description: 'Cables everywhere.',
    });
    expect(free).toMatchObject({ ownerRole: 'quality', assetKey: null, controlKey: null });

    const unknown = await refusal(
      createCorrectiveWorkOrder(t.ctx, quality.actor, {
        title: 'Something',
        description: 'About a control that does not exist.',
        controlKey: 'no-such-control',
      }),
    );
    expect(unknown.code).toBe('validation_failed');
    expect(unknown.issues).toEqual([
      { path: 'body.controlKey', message: 'is not a control in force' },
    ]);
  });
});
