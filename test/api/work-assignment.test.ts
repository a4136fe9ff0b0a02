import { beforeAll, describe, expect, it } from 'vitest';
import type { Colleague } from '../../src/modules/identity/colleagues.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { BulkAssignResponse } from '../../src/modules/work-orders/work-assignment.js';
import type {
  WorkOrderDetail,
  WorkOrderView,
} from '../../src/modules/work-orders/work-order.schema.js';
import { FixedClock } from '../../src/platform/clock.js';
import { signedInPerson, type Person } from '../support/factory.js';
import { mailTestApp, MAIL_TEST_PUBLIC_URL } from '../support/mail-test-app.js';
import type { TestApp } from '../support/test-app.js';

const PUBLIC_URL = MAIL_TEST_PUBLIC_URL;
const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';

describe('work assigned to a person', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  const mailApp = mailTestApp(clock);
  const { mailsTo } = mailApp;
  let t: TestApp;
  let admin: string;
  let serial = 0;

  beforeAll(() => {
    t = mailApp.app();
    admin = mailApp.adminToken();
  });

  /** A corrective work order of its own, opened by the admin. */
  async function workOrder(title = 'Replace the failed disk'): Promise<WorkOrderView> {
    const response = await t.call(admin, 'POST', '/api/v1/work-orders', {
      title,
      description: 'The RAID reports a failed member.',
    });
    expect(response.statusCode).toBe(201);
    return response.json<WorkOrderView>();
  }

  /** An occurrence of its own: a critical patch released for a new asset (owned by engineering). */
  async function occurrence(): Promise<OccurrenceView> {
    serial += 1;
    const key = `assign-${serial}`;
    const asset = {
      key,
      name: `Server ${key}`,
      category: 'server',
      environment: 'production',
      ownerRole: 'engineering',
      criticality: 'medium',
      dataClassification: 'internal',
    };
    expect((await t.call(admin, 'POST', '/api/v1/assets', asset)).statusCode).toBe(201);
    const event = await t.call(admin, 'POST', '/api/v1/events', {
      type: 'critical-patch-released',
      asset: key,
      at: '2026-03-10T08:00:00Z',
    });
    expect(event.statusCode).toBe(201);
    const [id] = event.json<{ occurrenceIds: string[] }>().occurrenceIds;
    return (await t.call(admin, 'GET', `/api/v1/occurrences/${id}`)).json<OccurrenceView>();
  }

  async function auditOf(entityId: string) {
    return t.ctx.db
      .selectFrom('audit_events')
      .select(['action', 'before', 'after'])
      .where('entity_id', '=', entityId)
      .where('action', 'like', 'work.%')
      .orderBy('seq')
      .execute();
  }

  it('assigns a work order to a person, who sees it as theirs and is told by e-mail', async () => {
    const lead = await signedInPerson(t, 'quality');
    const engineer = await signedInPerson(t, 'engineering');
    const order = await workOrder('Rotate the backup encryption key');

    const response = await lead.call('PUT', `/api/v1/work-orders/${order.id}/assignee`, {
      assigneeId: engineer.userId,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<WorkOrderView>().assignee).toMatchObject({
      id: engineer.userId,
      email: engineer.email,
    });

    const mine = await engineer.call('GET', '/api/v1/work-orders?assignee=me');
    expect(mine.json<{ items: WorkOrderView[] }>().items.map((item) => item.id)).toEqual([
      order.id,
    ]);
    const byId = await lead.call('GET', `/api/v1/work-orders?assignee=${engineer.userId}`);
    expect(byId.json<{ items: WorkOrderView[] }>().items.map((item) => item.id)).toEqual([
      order.id,
    ]);
    // Engineering does not own this quality work order: it is theirs because it is assigned to them.
    const myWork = await engineer.call('GET', '/api/v1/work-orders?mine=true');
    expect(myWork.json<{ items: WorkOrderView[] }>().items.map((item) => item.id)).toContain(
      order.id,
    );

    const [mail, ...more] = await mailsTo(engineer.email);
    expect(more).toEqual([]);
    expect(mail!.subject).toBe(`Assigned to you: ${order.number} Rotate the backup encryption key`);
    expect(mail!.text).toContain(`${PUBLIC_URL}/work-orders/${order.id}`);
    expect(mail!.text).toContain(lead.email);

    const detail = (
      await lead.call('GET', `/api/v1/work-orders/${order.id}`)
    ).json<WorkOrderDetail>();
    expect(detail.history.at(-1)).toMatchObject({ kind: 'assigned', actorLabel: lead.email });
    const audit = await auditOf(order.id);
    expect(audit.map((entry) => [entry.action, entry.before])).toEqual([
      ['work.assigned', { assigneeId: null }],
    ]);
    expect(audit[0]!.after).toMatchObject({ assigneeId: engineer.userId });
  });

  it('reassigns and unassigns, each change audited, and tells nobody of work they gave themselves', async () => {
    const first = await signedInPerson(t, 'engineering');
    const second = await signedInPerson(t, 'engineering');
    const order = await workOrder();
    const assign = (by: Person, assigneeId: string | null) =>
      by.call('PUT', `/api/v1/work-orders/${order.id}/assignee`, { assigneeId });

    expect((await assign(first, first.userId)).statusCode).toBe(200);
    expect((await assign(first, second.userId)).json<WorkOrderView>().assignee?.id).toBe(
      second.userId,
    );
    const unassigned = await assign(second, null);
    expect(unassigned.statusCode).toBe(200);
    expect(unassigned.json<WorkOrderView>().assignee).toBeNull();

    expect((await auditOf(order.id)).map((entry) => [entry.action, entry.before])).toEqual([
      ['work.assigned', { assigneeId: null }],
      ['work.assigned', { assigneeId: first.userId }],
      ['work.unassigned', { assigneeId: second.userId }],
    ]);
    expect(await mailsTo(first.email)).toEqual([]);
    expect(await mailsTo(second.email)).toHaveLength(1);
    const unassignedList = await t.call(
      admin,
      'GET',
      '/api/v1/work-orders?assignee=nobody&limit=1000',
    );
    expect(unassignedList.json<{ items: WorkOrderView[] }>().items.map((i) => i.id)).toContain(
      order.id,
    );
  });

  it('assigns an occurrence: it is in the assignee’s work, and its work order carries it', async () => {
    const assignee = await signedInPerson(t, 'quality');
    const started = await occurrence();
    const response = await t.call(admin, 'PUT', `/api/v1/occurrences/${started.id}/assignee`, {
      assigneeId: assignee.userId,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<OccurrenceView>().assignee?.id).toBe(assignee.userId);

    const mine = await assignee.call('GET', '/api/v1/occurrences?assignee=me');
    expect(mine.json<{ items: OccurrenceView[] }>().items.map((item) => item.id)).toEqual([
      started.id,
    ]);
    // My work: the quality role owns none of the patching, but this one is assigned to them.
    const myWork = await assignee.call(
      'GET',
      '/api/v1/occurrences?mine=true&status=due,upcoming,overdue',
    );
    expect(myWork.json<{ items: OccurrenceView[] }>().items.map((item) => item.id)).toEqual([
      started.id,
    ]);
    const [mail] = await mailsTo(assignee.email);
    expect(mail!.text).toContain(`${PUBLIC_URL}/work/occurrences/${started.id}`);

    const order = (
      await t.call(admin, 'POST', `/api/v1/occurrences/${started.id}/start`)
    ).json<WorkOrderView>();
    expect(order.assignee?.id).toBe(assignee.userId);
    // Reassigning the preventive work order reassigns its occurrence: one holder for one piece of work.
    const other = await signedInPerson(t, 'engineering');
    expect(
      (
        await t.call(admin, 'PUT', `/api/v1/work-orders/${order.id}/assignee`, {
          assigneeId: other.userId,
        })
      ).statusCode,
    ).toBe(200);
    const again = await t.call(admin, 'GET', `/api/v1/occurrences/${started.id}`);
    expect(again.json<OccurrenceView>().assignee?.id).toBe(other.userId);
  });

  it('refuses an assignee who cannot do the work, naming the field', async () => {
    const auditor = await t.createUser('auditor');
    const order = await workOrder();
    const url = `/api/v1/work-orders/${order.id}/assignee`;
    const toAuditor = await t.call(admin, 'PUT', url, { assigneeId: auditor.id });
    expect(toAuditor.statusCode).toBe(400);
    expect(toAuditor.json()).toMatchObject({
      error: { code: 'validation_failed', issues: [{ path: 'body.assigneeId' }] },
    });
    for (const assigneeId of [NO_SUCH_ID, 'someone', undefined]) {
      const response = await t.call(admin, 'PUT', url, { assigneeId });
      expect(response.statusCode).toBe(400);
      expect(JSON.stringify(response.json())).toContain('assigneeId');
    }
    expect(await auditOf(order.id)).toEqual([]);
  });

  it('answers 404 for work that does not exist and 409 for work that is closed', async () => {
    const person = await t.createUser('engineering');
    const missing = await t.call(admin, 'PUT', `/api/v1/work-orders/${NO_SUCH_ID}/assignee`, {
      assigneeId: person.id,
    });
    expect(missing.statusCode).toBe(404);
    const order = await workOrder();
    expect(
      (await t.call(admin, 'POST', `/api/v1/work-orders/${order.id}/complete`, { note: 'done' }))
        .statusCode,
    ).toBe(200);
    const closed = await t.call(admin, 'PUT', `/api/v1/work-orders/${order.id}/assignee`, {
      assigneeId: person.id,
    });
    expect(closed.statusCode).toBe(409);
    expect(closed.json<{ error: { message: string } }>().error.message).toContain('it is done');
  });

  it('lets no auditor assign work', async () => {
    const auditor = await signedInPerson(t, 'auditor');
    const order = await workOrder();
    const response = await auditor.call('PUT', `/api/v1/work-orders/${order.id}/assignee`, {
      assigneeId: auditor.userId,
    });
    expect(response.statusCode).toBe(403);
  });

  describe('in bulk', () => {
    it('reports each row, writes the accepted ones and nothing of the refused ones', async () => {
      const lead = await signedInPerson(t, 'quality');
      const assignee = await signedInPerson(t, 'engineering');
      const [a, b, closed] = [
        await workOrder('Order A'),
        await workOrder('Order B'),
        await workOrder('Order C'),
      ];
      await t.call(admin, 'POST', `/api/v1/work-orders/${closed.id}/complete`, { note: 'done' });
      const due = await occurrence();

      const response = await lead.call('POST', '/api/v1/work/bulk-assign', {
        assigneeId: assignee.userId,
        items: [
          { type: 'work-order', id: a.id },
          { type: 'work-order', id: NO_SUCH_ID },
          { type: 'work-order', id: closed.id },
          { type: 'occurrence', id: due.id },
          { type: 'work-order', id: b.id },
          { type: 'work-order', id: a.id },
        ],
      });
      expect(response.statusCode).toBe(200);
      const body = response.json<BulkAssignResponse>();
      expect(body.results.map((row) => [row.id, row.outcome])).toEqual([
        [a.id, 'assigned'],
        [NO_SUCH_ID, 'refused'],
        [closed.id, 'refused'],
        [due.id, 'assigned'],
        [b.id, 'assigned'],
        [a.id, 'refused'],
      ]);
      expect(body.results[1]!.reason).toBe('Work order not found');
      expect(body.results[2]!.reason).toContain('it is done');
      expect(body.results[5]!.reason).toContain('named earlier');
      expect(body.counts).toEqual({ assigned: 3, unassigned: 0, unchanged: 0, refused: 3 });

      const closedNow = await t.call(admin, 'GET', `/api/v1/work-orders/${closed.id}`);
      expect(closedNow.json<WorkOrderDetail>().assignee).toBeNull();
      expect(await auditOf(closed.id)).toEqual([]);
      for (const id of [a.id, b.id, due.id])
        expect((await auditOf(id)).map((entry) => entry.action)).toEqual(['work.assigned']);

      // One e-mail lists all three.
      const [mail, ...more] = await mailsTo(assignee.email);
      expect(more).toEqual([]);
      expect(mail!.subject).toBe('3 pieces of work assigned to you');

      // Assigning again changes nothing and audits nothing.
      const again = await lead.call('POST', '/api/v1/work/bulk-assign', {
        assigneeId: assignee.userId,
        items: [{ type: 'work-order', id: a.id }],
      });
      expect(again.json<BulkAssignResponse>().results[0]).toMatchObject({ outcome: 'unchanged' });
      expect(await auditOf(a.id)).toHaveLength(1);
    });

    it('unassigns in bulk', async () => {
      const person = await t.createUser('engineering');
      const order = await workOrder();
      await t.call(admin, 'PUT', `/api/v1/work-orders/${order.id}/assignee`, {
        assigneeId: person.id,
      });
      const response = await t.call(admin, 'POST', '/api/v1/work/bulk-assign', {
        assigneeId: null,
        items: [{ type: 'work-order', id: order.id }],
      });
      expect(response.json<BulkAssignResponse>().counts.unassigned).toBe(1);
      expect(
        (await t.call(admin, 'GET', `/api/v1/work-orders/${order.id}`)).json<WorkOrderDetail>()
          .assignee,
      ).toBeNull();
    });

    it('refuses a malformed request as a whole, naming the field', async () => {
      const person = await t.createUser('engineering');
      const cases: [unknown, string][] = [
        [{ assigneeId: person.id, items: [] }, 'body.items'],
        [
          {
            assigneeId: person.id,
            items: Array.from({ length: 201 }, () => ({ type: 'work-order', id: NO_SUCH_ID })),
          },
          'body.items',
        ],
        [
          { assigneeId: person.id, items: [{ type: 'asset', id: NO_SUCH_ID }] },
          'body.items.0.type',
        ],
        [{ assigneeId: person.id, items: [{ type: 'work-order', id: 'x' }] }, 'body.items.0.id'],
        [
          { assigneeId: NO_SUCH_ID, items: [{ type: 'work-order', id: NO_SUCH_ID }] },
          'body.assigneeId',
        ],
      ];
      for (const [payload, path] of cases) {
        const response = await t.call(admin, 'POST', '/api/v1/work/bulk-assign', payload);
        expect(response.statusCode, path).toBe(400);
        const issues = response.json<{ error: { issues: { path: string }[] } }>().error.issues;
        expect(issues.map((issue) => issue.path)).toContain(path);
      }
    });
  });

  it('lists colleagues a page at a time, saying who can be given work', async () => {
    const auditor = await t.createUser('auditor');
    const engineer = await t.createUser('engineering');
    const quality = await t.tokenFor('quality');
    const seen: Colleague[] = [];
    let cursor: string | null = null;
    do {
      const response = await t.call(
        quality,
        'GET',
        `/api/v1/colleagues?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(response.statusCode).toBe(200);
      const page = response.json<{ items: Colleague[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(new Set(seen.map((person) => person.id)).size).toBe(seen.length);
    expect(seen.find((person) => person.id === auditor.id)?.mayPerformWork).toBe(false);
    expect(seen.find((person) => person.id === engineer.id)?.mayPerformWork).toBe(true);
    const badCursor = await t.call(quality, 'GET', '/api/v1/colleagues?cursor=nonsense');
    expect(badCursor.statusCode).toBe(400);
    expect(JSON.stringify(badCursor.json())).toContain('querystring.cursor');
  });

  it('refuses assignee=me from a token, naming the field', async () => {
    const response = await t.call(admin, 'GET', '/api/v1/occurrences?assignee=me');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      error: { issues: [{ path: 'querystring.assignee' }] },
    });
    const bad = await t.call(admin, 'GET', '/api/v1/work-orders?assignee=someone');
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('querystring.assignee');
  });
});
