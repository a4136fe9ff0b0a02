import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CapaDetail, CapaView } from '../../src/modules/capas/capa.schema.js';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, TEST_PASSWORD, type TestApp } from '../support/test-app.js';
import { signedInPerson, type Person } from '../support/factory.js';

const TODAY = '2026-03-10';

describe('nonconformances raised by hand and their CAPA', () => {
  const clock = new FixedClock(`${TODAY}T09:00:00Z`);
  let t: TestApp;
  let admin: string;
  let engineeringToken: string;
  let quality: Person;
  let actionOwner: Person;
  let checker: Person;

  const messageOf = (response: { json<T>(): T }) =>
    response.json<{ error: { message: string } }>().error.message;

  const raise = async (title = 'Change released without review') => {
    const response = await quality.call('POST', '/api/v1/nonconformances', {
      title,
      description: 'A firewall change reached production without the second review.',
      requirementNotMet: 'SOP-018 5.4: every production change is reviewed by a second engineer',
      containment: 'Change reviewed after the fact; no rule was wrong.',
      disposition: 'Accepted as is after the review.',
      impactAssessment: 'No product affected: the rule only opened an internal port.',
      owner: 'quality',
      ownerUserId: quality.userId,
      dueOn: '2026-04-30',
    });
    expect(response.statusCode).toBe(201);
    return response.json<NonconformanceView>();
  };

  /** A CAPA in implementing with one action owned by `actionOwner`. */
  const capaWithAction = async (plannedOn = TODAY) => {
    const nc = await raise();
    const opened = await quality.call('POST', '/api/v1/capas', {
      title: 'Enforce second review in the pipeline',
      nonconformanceIds: [nc.id],
      effectivenessCheckOn: plannedOn,
      effectivenessCriteria: 'No unreviewed change in the next 30 changes',
    });
    expect(opened.statusCode).toBe(201);
    const capa = opened.json<CapaDetail>();
    const analysed = await quality.call('POST', `/api/v1/capas/${capa.id}/root-cause`, {
      method: 'five_whys',
      text: 'Why? The pipeline allowed a merge without approval. Why? Branch protection was off.',
    });
    expect(analysed.statusCode).toBe(200);
    const added = await quality.call('POST', `/api/v1/capas/${capa.id}/actions`, {
      title: 'Turn on branch protection for the firewall repository',
      ownerUserId: actionOwner.userId,
      dueOn: '2026-03-20',
    });
    expect(added.statusCode).toBe(201);
    const detail = added.json<CapaDetail>();
    return { nc, capa: detail, action: detail.actions[0]! };
  };

  const finishAction = async (capa: CapaDetail, actionId: string) => {
    const done = await actionOwner.call('PATCH', `/api/v1/capas/${capa.id}/actions/${actionId}`, {
      status: 'done',
      note: 'Branch protection on; a merge without approval is now refused.',
    });
    expect(done.statusCode).toBe(200);
    return done.json<CapaDetail>();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
    engineeringToken = await t.tokenFor('engineering');
    quality = await signedInPerson(t, 'quality');
    actionOwner = await signedInPerson(t, 'engineering');
    checker = await signedInPerson(t, 'quality');
  });
  afterAll(() => t.close());

  it('raises a nonconformance by hand with every field of the form', async () => {
    const nc = await raise();
    expect(nc).toMatchObject({
      sourceType: 'manual',
      deficiency: false,
      status: 'open',
      requirementNotMet: 'SOP-018 5.4: every production change is reviewed by a second engineer',
      containment: 'Change reviewed after the fact; no rule was wrong.',
      disposition: 'Accepted as is after the review.',
      impactAssessment: 'No product affected: the rule only opened an internal port.',
      ownerRole: 'quality',
      ownerUserId: quality.userId,
      dueOn: '2026-04-30',
      raisedBy: quality.email,
    });
    const listed = await t.call(admin, 'GET', '/api/v1/nonconformances?source=manual');
    expect(listed.json<{ items: NonconformanceView[] }>().items.map((n) => n.id)).toContain(nc.id);
  });

  it('refuses a hand-raised nonconformance without containment, naming the field, and from engineering', async () => {
    const missing = await t.call(admin, 'POST', '/api/v1/nonconformances', {
      title: 'x',
      description: 'y',
      requirementNotMet: 'z',
      disposition: 'd',
      impactAssessment: 'i',
      owner: 'quality',
      dueOn: '2026-04-30',
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('body.containment');
    const forbidden = await t.call(engineeringToken, 'POST', '/api/v1/nonconformances', {});
    expect(forbidden.statusCode).toBe(403);
  });

  it('opens a CAPA for nonconformances in analysis, takes actions only after the root cause', async () => {
    const [first, second] = [await raise('First'), await raise('Second')];
    const opened = await quality.call('POST', '/api/v1/capas', {
      kind: 'corrective',
      title: 'Reviews enforced',
      nonconformanceIds: [first.id, second.id],
      effectivenessCheckOn: '2026-05-01',
      effectivenessCriteria: 'No unreviewed change for two months',
    });
    expect(opened.statusCode).toBe(201);
    const capa = opened.json<CapaDetail>();
    expect(capa.number).toMatch(/^CAPA-\d{4}$/);
    expect(capa).toMatchObject({
      status: 'analysis',
      ownerUserId: quality.userId,
      rootCause: null,
      effectivenessCheck: { plannedOn: '2026-05-01', outcome: null },
      abilities: {
        addAction: { allowed: false, reason: 'Record the root cause before the actions' },
        close: { allowed: false },
      },
    });
    expect(capa.nonconformances.map((nc) => nc.id).sort()).toEqual([first.id, second.id].sort());
    expect(capa.slaOccurrenceId).not.toBeNull();
    const occurrence = await t.call(admin, 'GET', `/api/v1/occurrences/${capa.slaOccurrenceId}`);
    expect(occurrence.json<OccurrenceView>()).toMatchObject({
      controlKey: 'capa-effectiveness-verified',
      dueAt: '2026-05-31T22:00:00.000Z',
    });
    const early = await quality.call('POST', `/api/v1/capas/${capa.id}/actions`, {
      title: 'Something',
      ownerUserId: actionOwner.userId,
      dueOn: '2026-03-20',
    });
    expect(early.statusCode).toBe(409);
    const linked = await t.call(admin, 'GET', `/api/v1/capas?nonconformanceId=${first.id}`);
    expect(linked.json<{ items: CapaView[] }>().items.map((c) => c.id)).toEqual([capa.id]);
  });

  it('refuses a CAPA without a nonconformance, naming the field', async () => {
    const response = await quality.call('POST', '/api/v1/capas', {
      title: 'Nothing linked',
      nonconformanceIds: [],
      effectivenessCheckOn: TODAY,
      effectivenessCriteria: 'n/a',
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('body.nonconformanceIds');
  });

  it('closes only after an effectiveness check signed by someone other than the action owners passes', async () => {
    const { capa, action } = await capaWithAction();
    expect(capa.status).toBe('implementing');
    const verifying = await finishAction(capa, action.id);
    expect(verifying.status).toBe('verifying');
    expect(verifying.actions[0]).toMatchObject({
      status: 'done',
      completionNote: 'Branch protection on; a merge without approval is now refused.',
    });

    const earlyClose = await quality.call('POST', `/api/v1/capas/${capa.id}/close`);
    expect(earlyClose.statusCode).toBe(409);
    expect(messageOf(earlyClose)).toBe(
      'A CAPA is closed only after its effectiveness check has passed',
    );

    const asOwner = await actionOwner.call('GET', `/api/v1/capas/${capa.id}`);
    expect(asOwner.json<CapaDetail>().abilities.signEffectivenessCheck).toEqual({
      allowed: false,
      reason: 'the effectiveness check is signed by someone other than the action owners',
    });
    const byOwner = await actionOwner.call('POST', `/api/v1/capas/${capa.id}/effectiveness-check`, {
      outcome: 'passed',
      note: 'I checked my own fix',
      password: TEST_PASSWORD,
    });
    expect(byOwner.statusCode).toBe(409);
    expect(messageOf(byOwner)).toBe(
      'the effectiveness check is signed by someone other than the action owners',
    );

    const wrongPassword = await checker.call(
      'POST',
      `/api/v1/capas/${capa.id}/effectiveness-check`,
      {
        outcome: 'passed',
        note: 'Looked at 30 changes',
        password: 'wrong',
      },
    );
    expect(wrongPassword.statusCode).toBe(401);

    const passed = await checker.call('POST', `/api/v1/capas/${capa.id}/effectiveness-check`, {
      outcome: 'passed',
      note: 'Looked at the 30 changes since: each has a second review',
      password: TEST_PASSWORD,
    });
    expect(passed.statusCode).toBe(200);
    const effective = passed.json<CapaDetail>();
    expect(effective).toMatchObject({
      status: 'effective',
      effectivenessCheck: { outcome: 'passed', checkedBy: checker.signerLabel },
      abilities: { close: { allowed: true } },
    });
    const occurrence = await t.call(admin, 'GET', `/api/v1/occurrences/${capa.slaOccurrenceId}`);
    expect(occurrence.json<OccurrenceView>().status).toBe('verified');

    const closed = await quality.call('POST', `/api/v1/capas/${capa.id}/close`);
    expect(closed.statusCode).toBe(200);
    expect(closed.json<CapaDetail>()).toMatchObject({ status: 'closed', closedBy: quality.email });
    const audit = await t.call(
      admin,
      'GET',
      `/api/v1/audit/events?entityType=capa&entityId=${capa.id}`,
    );
    expect(audit.json<{ items: { action: string }[] }>().items.map((e) => e.action)).toEqual(
      expect.arrayContaining([
        'capa.opened',
        'capa.root_cause_recorded',
        'capa.action_added',
        'capa.action_updated',
        'capa.effectiveness_checked',
        'capa.closed',
      ]),
    );
  });

  it('refuses the check before its planned date and sends a failed check back to implementing', async () => {
    const { capa, action } = await capaWithAction('2026-03-12');
    await finishAction(capa, action.id);
    const early = await checker.call('POST', `/api/v1/capas/${capa.id}/effectiveness-check`, {
      outcome: 'passed',
      note: 'Too early',
      password: TEST_PASSWORD,
    });
    expect(early.statusCode).toBe(409);
    expect(messageOf(early)).toBe('the effectiveness check is planned for 2026-03-12');

    const { capa: other, action: otherAction } = await capaWithAction();
    await finishAction(other, otherAction.id);
    const failed = await checker.call('POST', `/api/v1/capas/${other.id}/effectiveness-check`, {
      outcome: 'failed',
      note: 'Two changes since went through without review',
      password: TEST_PASSWORD,
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json<CapaDetail>()).toMatchObject({
      status: 'implementing',
      effectivenessCheck: { outcome: 'failed' },
    });
  });

  it('lets only the action owner or Quality move an action', async () => {
    const { capa, action } = await capaWithAction();
    const stranger = await signedInPerson(t, 'engineering');
    const refused = await stranger.call('PATCH', `/api/v1/capas/${capa.id}/actions/${action.id}`, {
      status: 'in_progress',
    });
    expect(refused.statusCode).toBe(403);
    const noNote = await actionOwner.call(
      'PATCH',
      `/api/v1/capas/${capa.id}/actions/${action.id}`,
      {
        status: 'done',
      },
    );
    expect(noNote.statusCode).toBe(400);
    expect(noNote.body).toContain('body.note');
  });

  it('keeps evidence files on an action', async () => {
    const { capa, action } = await capaWithAction();
    const boundary = 'capa-boundary';
    const payload = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="protection.png"\r\n` +
        `Content-Type: image/png\r\n\r\nnot really a png\r\n--${boundary}--\r\n`,
    );
    const uploaded = await actionOwner.upload(
      `/api/v1/capa-actions/${action.id}/evidence`,
      payload,
      `multipart/form-data; boundary=${boundary}`,
    );
    expect(uploaded.statusCode).toBe(201);
    const detail = (await t.call(admin, 'GET', `/api/v1/capas/${capa.id}`)).json<CapaDetail>();
    expect(detail.actions[0]).toMatchObject({
      status: 'in_progress',
      evidence: [{ filename: 'protection.png' }],
    });
  });

  it('pages the list with a cursor, newest first', async () => {
    await capaWithAction();
    await capaWithAction();
    const first = (await t.call(admin, 'GET', '/api/v1/capas?limit=1')).json<{
      items: CapaView[];
      nextCursor: string | null;
    }>();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).not.toBeNull();
    const second = (
      await t.call(admin, 'GET', `/api/v1/capas?limit=1&cursor=${first.nextCursor}`)
    ).json<{ items: CapaView[] }>();
    expect(second.items[0]!.number < first.items[0]!.number).toBe(true);
    const bad = await t.call(admin, 'GET', '/api/v1/capas?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
  });
});
