import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NonconformanceView } from '../../src/modules/nonconformances/nonconformance.schema.js';
import type { OccurrenceView } from '../../src/modules/occurrences/occurrence.schema.js';
import type { EachOrNoneReport } from '../../src/platform/audit/mutate-each-or-none.js';
import { FixedClock } from '../../src/platform/clock.js';
import { openPatchOccurrence, signedInPerson } from '../support/factory.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const NO_SUCH_ID = '00000000-0000-4000-8000-000000000000';
const JUSTIFICATION = 'The racks were powered off for the move all period.';

describe('bulk actions on occurrences and nonconformances', () => {
  const clock = new FixedClock('2026-03-10T09:00:00Z');
  let t: TestApp;
  let admin: string;
  let serial = 0;

  beforeAll(async () => {
    t = await createTestApp({ clock, env: { PLUMBLINE_LOGIN_RATE_LIMIT: '1000' } });
    admin = await t.tokenFor('admin');
  });
  afterAll(() => t.close());

  /** An occurrence of its own: a critical patch released for a new asset. */
  async function occurrence(): Promise<OccurrenceView> {
    serial += 1;
    const id = await openPatchOccurrence(t, admin, `bulk-${serial}`, '2026-03-10T08:00:00Z');
    return (await t.call(admin, 'GET', `/api/v1/occurrences/${id}`)).json<OccurrenceView>();
  }

  async function nonconformance(title: string): Promise<NonconformanceView> {
    const response = await t.call(admin, 'POST', '/api/v1/nonconformances', {
      title,
      description: 'A change reached production without the second review.',
      requirementNotMet: 'SOP-018 5.4',
      containment: 'Reviewed after the fact.',
      disposition: 'Accepted as is.',
      impactAssessment: 'None found.',
      owner: 'quality',
      dueOn: '2026-04-30',
    });
    expect(response.statusCode).toBe(201);
    return response.json<NonconformanceView>();
  }

  const auditedActions = (entityId: string) =>
    t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', entityId)
      .execute()
      .then((rows) => rows.map((row) => row.action));

  describe('marking occurrences not applicable', () => {
    it('marks every selected occurrence with the one justification, one audit entry each', async () => {
      const engineer = await signedInPerson(t, 'engineering');
      const [a, b] = [await occurrence(), await occurrence()];
      const response = await engineer.call('POST', '/api/v1/occurrences/bulk-not-applicable', {
        occurrenceIds: [a.id, b.id],
        justification: JUSTIFICATION,
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<EachOrNoneReport>()).toEqual({
        applied: true,
        results: [
          { id: a.id, outcome: 'done', reason: null },
          { id: b.id, outcome: 'done', reason: null },
        ],
        counts: { done: 2, refused: 0, held: 0 },
      });
      for (const { id } of [a, b]) {
        const view = (
          await t.call(admin, 'GET', `/api/v1/occurrences/${id}`)
        ).json<OccurrenceView>();
        expect(view.status).toBe('not_applicable');
        expect(await auditedActions(id)).toContain('occurrence.not_applicable');
      }
    });

    it('writes nothing when one row is refused, and says which and why', async () => {
      const [open, closed] = [await occurrence(), await occurrence()];
      await t.call(admin, 'POST', `/api/v1/occurrences/${closed.id}/not-applicable`, {
        justification: JUSTIFICATION,
      });
      const response = await t.call(admin, 'POST', '/api/v1/occurrences/bulk-not-applicable', {
        occurrenceIds: [open.id, closed.id, NO_SUCH_ID, open.id],
        justification: JUSTIFICATION,
      });
      expect(response.statusCode).toBe(200);
      const report = response.json<EachOrNoneReport>();
      expect(report.applied).toBe(false);
      expect(report.results.map((result) => result.outcome)).toEqual([
        'held',
        'refused',
        'refused',
        'refused',
      ]);
      expect(report.results[1]!.reason).toMatch(/not applicable/);
      expect(report.results[2]!.reason).toBe('Occurrence not found');
      expect(report.results[3]!.reason).toBe('Named earlier in this request');
      expect(report.counts).toEqual({ done: 0, refused: 3, held: 1 });
      const still = (
        await t.call(admin, 'GET', `/api/v1/occurrences/${open.id}`)
      ).json<OccurrenceView>();
      expect(still.status).not.toBe('not_applicable');
      expect(await auditedActions(open.id)).not.toContain('occurrence.not_applicable');
    });

    it('answers 400 naming the field for a short justification or no rows, 403 for a role that cannot do the work', async () => {
      const one = await occurrence();
      for (const [body, field] of [
        [{ occurrenceIds: [one.id], justification: 'short' }, 'body.justification'],
        [{ occurrenceIds: [], justification: JUSTIFICATION }, 'body.occurrenceIds'],
        [{ occurrenceIds: ['x'], justification: JUSTIFICATION }, 'body.occurrenceIds.0'],
      ] as const) {
        const response = await t.call(
          admin,
          'POST',
          '/api/v1/occurrences/bulk-not-applicable',
          body,
        );
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ error: { issues: [{ path: field }] } });
      }
      const auditor = await signedInPerson(t, 'auditor');
      const refused = await auditor.call('POST', '/api/v1/occurrences/bulk-not-applicable', {
        occurrenceIds: [one.id],
        justification: JUSTIFICATION,
      });
      expect(refused.statusCode).toBe(403);
    });
  });

  describe('triaging nonconformances', () => {
    it('sets status, owner and due date on every selected nonconformance, one audit entry each', async () => {
      const quality = await signedInPerson(t, 'quality');
      const [a, b] = [await nonconformance('First'), await nonconformance('Second')];
      const response = await quality.call('POST', '/api/v1/nonconformances/triage', {
        ids: [a.id, b.id],
        status: 'investigating',
        owner: 'engineering',
        ownerUserId: quality.userId,
        dueOn: '2026-05-15',
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<EachOrNoneReport>()).toMatchObject({
        applied: true,
        counts: { done: 2, refused: 0, held: 0 },
      });
      for (const { id } of [a, b]) {
        const view = (
          await t.call(admin, 'GET', `/api/v1/nonconformances/${id}`)
        ).json<NonconformanceView>();
        expect(view).toMatchObject({
          status: 'investigating',
          ownerRole: 'engineering',
          ownerUserId: quality.userId,
          dueOn: '2026-05-15',
        });
        expect(await auditedActions(id)).toContain('nonconformance.updated');
      }
    });

    it('changes none when one is refused, naming it with its reason', async () => {
      const [open, closed] = [await nonconformance('Open one'), await nonconformance('Closed one')];
      await t.call(admin, 'PATCH', `/api/v1/nonconformances/${closed.id}`, { status: 'closed' });
      const response = await t.call(admin, 'POST', '/api/v1/nonconformances/triage', {
        ids: [open.id, closed.id],
        owner: 'security',
      });
      const report = response.json<EachOrNoneReport>();
      expect(report).toEqual({
        applied: false,
        results: [
          { id: open.id, outcome: 'held', reason: null },
          {
            id: closed.id,
            outcome: 'refused',
            reason: 'This nonconformance is closed and can no longer change',
          },
        ],
        counts: { done: 0, refused: 1, held: 1 },
      });
      const still = (
        await t.call(admin, 'GET', `/api/v1/nonconformances/${open.id}`)
      ).json<NonconformanceView>();
      expect(still.ownerRole).toBe('quality');
    });

    it('answers 400 naming the field for nothing to set or a bad owner, 403 for a role that may not manage them', async () => {
      const nc = await nonconformance('Bad input');
      const nothing = await t.call(admin, 'POST', '/api/v1/nonconformances/triage', {
        ids: [nc.id],
      });
      expect(nothing.statusCode).toBe(400);
      expect(JSON.stringify(nothing.json())).toContain('set at least one of');
      const badOwner = await t.call(admin, 'POST', '/api/v1/nonconformances/triage', {
        ids: [nc.id],
        ownerUserId: NO_SUCH_ID,
      });
      expect(badOwner.statusCode).toBe(400);
      expect(badOwner.json()).toMatchObject({ error: { issues: [{ path: 'body.ownerUserId' }] } });
      const badStatus = await t.call(admin, 'POST', '/api/v1/nonconformances/triage', {
        ids: [nc.id],
        status: 'lost',
      });
      expect(badStatus.statusCode).toBe(400);
      expect(badStatus.json()).toMatchObject({ error: { issues: [{ path: 'body.status' }] } });
      const engineer = await signedInPerson(t, 'engineering');
      const refused = await engineer.call('POST', '/api/v1/nonconformances/triage', {
        ids: [nc.id],
        owner: 'security',
      });
      expect(refused.statusCode).toBe(403);
    });
  });

  describe('exporting selected nonconformances', () => {
    it('exports only the ids given, as CSV with formulas neutralised', async () => {
      const [a, , c] = [
        await nonconformance('=HYPERLINK("x") in a title'),
        await nonconformance('Not selected'),
        await nonconformance('Selected too'),
      ];
      const response = await t.call(
        admin,
        'GET',
        `/api/v1/nonconformances/export.csv?ids=${a.id},${c.id}`,
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('text/csv');
      const lines = response.body.trimEnd().split(/\r?\n/);
      expect(lines[0]).toMatch(/^number,title,status,/);
      expect(lines).toHaveLength(3);
      expect(lines[1]).toContain(c.number);
      expect(lines[2]).toContain(a.number);
      expect(lines[2]).toContain(`'=HYPERLINK`);
      expect(response.body).not.toContain('Not selected');
    });

    it('answers 400 naming the field for an id that is not a UUID, 403 for a viewer', async () => {
      const bad = await t.call(admin, 'GET', '/api/v1/nonconformances/export.csv?ids=abc');
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('querystring.ids');
      const viewer = await signedInPerson(t, 'viewer');
      expect((await viewer.call('GET', '/api/v1/nonconformances/export.csv')).statusCode).toBe(403);
    });
  });
});
