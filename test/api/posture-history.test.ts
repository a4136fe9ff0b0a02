import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import type { OccurrenceEventKind } from '../../src/modules/occurrences/occurrence-status.js';
import type { Posture, PostureHistory } from '../../src/modules/posture/posture.schema.js';
import { systemActor } from '../../src/platform/audit/actor.js';
import { mutate } from '../../src/platform/audit/mutate.js';
import { FixedClock } from '../../src/platform/clock.js';
import { recordOccurrenceEvent } from '../support/occurrence-events.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const monthly = (key: string, requirement: string) => ({
  key,
  title: `Control ${key}`,
  theme: 'history-test',
  objective: `Exercise the ${key} case.`,
  ownerRole: 'engineering',
  cadence: { frequency: 'monthly', startsOn: '2026-01-01' },
  evaluation: { mode: 'manual' },
  evidenceExpected: [{ kind: 'record', description: 'A record.' }],
  requirements: [requirement],
});

const framework = (key: string) => ({
  key,
  title: `Framework ${key}`,
  kind: 'internal',
  issuer: 'Quality',
  description: 'Posture history test framework.',
  requirements: [{ key: `${key}:1`, title: 'Operated', summary: 'The control operates.' }],
});

/** "kept" is worked in February only; "ignored" is never worked. */
const CATALOG = {
  frameworks: [framework('kept'), framework('ignored')],
  controls: [monthly('kept-monthly', 'kept:1'), monthly('ignored-monthly', 'ignored:1')],
};

describe('posture history', () => {
  let t: TestApp;
  let admin: string;
  // Europe/Berlin (the test zone): February ends at 2026-02-28T23:00Z, March at 03-31T22:00Z.
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  const now = '2026-04-10T09:00:00.000Z';

  async function record(controlKey: string, periodKey: string, kind: OccurrenceEventKind) {
    const occurrence = await t.ctx.db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .select('occurrences.id')
      .where('controls.key', '=', controlKey)
      .where('occurrences.period_key', '=', periodKey)
      .executeTakeFirstOrThrow();
    await recordOccurrenceEvent(t, occurrence.id, kind);
  }

  const history = async (query: string) => {
    const response = await t.call(admin, 'GET', `/api/v1/posture/history${query}`);
    expect(response.statusCode).toBe(200);
    return response.json<PostureHistory>();
  };

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-06-30T00:00:00Z'),
    });
    clock.set('2026-02-20T10:00:00Z');
    await record('kept-monthly', '2026-02', 'completed');
    clock.set('2026-02-21T10:00:00Z');
    await record('kept-monthly', '2026-02', 'verified');
    clock.set(now);
  });
  afterAll(() => t.close());

  it('gives one point per month, oldest first, the current month evaluated now', async () => {
    const result = await history('');
    expect(result.months).toBe(12);
    expect(result.points.map((point) => point.month)).toEqual([
      '2025-05',
      '2025-06',
      '2025-07',
      '2025-08',
      '2025-09',
      '2025-10',
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    const last = result.points.at(-1)!;
    expect(last).toMatchObject({ at: now, monthComplete: false });
    expect(result.points.slice(-3, -1).map((point) => [point.at, point.monthComplete])).toEqual([
      ['2026-02-28T23:00:00.000Z', true],
      ['2026-03-31T22:00:00.000Z', true],
    ]);
  });

  it('shows each framework turning as its control was worked or left undone', async () => {
    const result = await history('?months=4');
    const statuses = (key: string) =>
      result.points.map((point) => point.frameworks.find((f) => f.key === key)?.status);
    expect(result.points.map((point) => point.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
    ]);
    expect(statuses('kept')).toEqual(['failing', 'passing', 'failing', 'failing']);
    expect(statuses('ignored')).toEqual(['failing', 'failing', 'failing', 'failing']);
    // Before anything was generated, nothing is evidenced.
    const first = (await history('?months=12')).points[0]!;
    expect(first.status).toBe('no_evidence');
    expect(first.occurrences).toEqual({
      failing: 0,
      atRisk: 0,
      pending: 0,
      verified: 0,
      notApplicable: 0,
    });
  });

  it('agrees with posture at each point’s instant', async () => {
    for (const point of (await history('?months=4')).points) {
      const response = await t.call(admin, 'GET', `/api/v1/posture?at=${point.at}`);
      const posture = response.json<Posture>();
      expect(point.status).toBe(posture.status);
      expect(point.controlCounts).toEqual(posture.controlCounts);
      expect(point.frameworks).toEqual(
        posture.frameworks.map(({ key, title, status, requirementCounts, controlCounts }) => ({
          key,
          title,
          status,
          requirementCounts,
          controlCounts,
        })),
      );
      const sum = (key: keyof Posture['controls'][number]['currentOccurrences']) =>
        posture.controls.reduce((total, control) => total + control.currentOccurrences[key], 0);
      expect(point.occurrences).toEqual({
        failing: sum('failing'),
        atRisk: sum('atRisk'),
        pending: sum('pending'),
        verified: sum('verified'),
        notApplicable: sum('notApplicable'),
      });
    }
  });

  it.each(['0', '25', 'twelve', '1.5'])('refuses months=%s, naming the field', async (months) => {
    const response = await t.call(admin, 'GET', `/api/v1/posture/history?months=${months}`);
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json())).toContain('months');
  });

  it('lets the roles that read posture see its history, and refuses the others', async () => {
    for (const role of ['admin', 'quality', 'engineering', 'security', 'auditor'] as const) {
      const token = await t.tokenFor(role);
      const response = await t.call(token, 'GET', '/api/v1/posture/history?months=1');
      expect({ role, status: response.statusCode }).toEqual({ role, status: 200 });
    }
    const viewer = await t.tokenFor('viewer');
    expect((await t.call(viewer, 'GET', '/api/v1/posture/history')).statusCode).toBe(403);
  });
});

describe('posture history of finished months, kept between requests', () => {
  const now = '2026-04-10T09:00:00.000Z';
  const marchEnd = '2026-03-31T22:00:00.000Z';

  /** An app whose two controls were generated for the first half of 2026 and never worked. */
  async function world() {
    const clock = new FixedClock('2026-01-01T00:00:00Z');
    const t = await createTestApp({ clock });
    const admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-06-30T00:00:00Z'),
    });
    clock.set(now);
    const history = async () => {
      const response = await t.call(admin, 'GET', '/api/v1/posture/history?months=4');
      expect(response.statusCode).toBe(200);
      return response.json<PostureHistory>();
    };
    const postureAt = async (at: string) =>
      (await t.call(admin, 'GET', `/api/v1/posture?at=${at}`)).json<Posture>();
    /** Completes and verifies a period of "kept-monthly", stamped at `at`. */
    const work = async (periodKey: string, at: string) => {
      const occurrence = await t.ctx.db
        .selectFrom('occurrences')
        .innerJoin('controls', 'controls.id', 'occurrences.control_id')
        .select('occurrences.id')
        .where('controls.key', '=', 'kept-monthly')
        .where('occurrences.period_key', '=', periodKey)
        .executeTakeFirstOrThrow();
      const stamp = new Date(at);
      for (const kind of ['completed', 'verified'] as const) {
        await mutate({ db: t.ctx.db, clock: new FixedClock(stamp) }, systemActor, async (tx) => {
          await tx.trx
            .insertInto('occurrence_events')
            .values({
              occurrence_id: occurrence.id,
              kind,
              at: tx.now,
              actor_label: 'alice@example.test',
              actor_id: null,
              signature_id: null,
            })
            .execute();
          await tx.audit({
            action: `occurrence.${kind}`,
            entityType: 'occurrence',
            entityId: occurrence.id,
            after: { kind },
          });
        });
        stamp.setTime(stamp.getTime() + 3_600_000);
      }
    };
    const keptStatus = (result: PostureHistory) =>
      result.points.map((point) => point.frameworks.find((f) => f.key === 'kept')!.status);
    return { t, admin, history, postureAt, work, keptStatus };
  }

  it('shows a month again as it stood once something stamped before its end is recorded after it was kept', async () => {
    const w = await world();
    try {
      expect(w.keptStatus(await w.history())).toEqual(['failing', 'failing', 'failing', 'failing']);
      // Recorded now, stamped in March: a transaction begun before the month ended, or an
      // instance whose clock is behind.
      await w.work('2026-03', '2026-03-20T10:00:00Z');
      const after = await w.history();
      expect(w.keptStatus(after)).toEqual(['failing', 'failing', 'passing', 'passing']);
      const march = after.points.find((point) => point.at === marchEnd)!;
      expect(march.frameworks).toEqual(
        (await w.postureAt(marchEnd)).frameworks.map(
          ({ key, title, status, requirementCounts, controlCounts }) => ({
            key,
            title,
            status,
            requirementCounts,
            controlCounts,
          }),
        ),
      );
    } finally {
      await w.t.close();
    }
  });

  it('keeps finished months as they were when work is recorded now, and shows it in the current month', async () => {
    const w = await world();
    try {
      const before = await w.history();
      // March's occurrence, overdue in April, worked this morning: late, as posture at March's
      // end says.
      await w.work('2026-03', '2026-04-10T07:00:00Z');
      const after = await w.history();
      expect(after.points.slice(0, 3)).toEqual(before.points.slice(0, 3));
      expect(w.keptStatus(after)).toEqual(['failing', 'failing', 'failing', 'passing']);
      expect(after.points[3]!.occurrences.verified).toBe(
        before.points[3]!.occurrences.verified + 1,
      );
      for (const point of after.points) {
        expect(point.status).toBe((await w.postureAt(point.at)).status);
      }
    } finally {
      await w.t.close();
    }
  });

  it('rolls every month up on the catalogue in force when the catalogue changes', async () => {
    const w = await world();
    try {
      await w.history();
      const renamed = {
        ...CATALOG,
        frameworks: CATALOG.frameworks.map((f) =>
          f.key === 'kept' ? { ...f, title: 'Framework kept, renamed' } : f,
        ),
      };
      expect((await w.t.call(w.admin, 'POST', '/api/v1/catalog/apply', renamed)).statusCode).toBe(
        200,
      );
      const after = await w.history();
      expect(
        after.points.map((point) => point.frameworks.find((f) => f.key === 'kept')!.title),
      ).toEqual(Array(4).fill('Framework kept, renamed'));
    } finally {
      await w.t.close();
    }
  });
});
