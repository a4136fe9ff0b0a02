import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateOccurrences } from '../../src/modules/occurrences/generate-occurrences.js';
import {
  OCCURRENCE_EVENT_KINDS,
  occurrenceStatusAt,
  statusFromWorkState,
  workStateAfter,
  type OccurrenceEventKind,
  type WorkState,
} from '../../src/modules/occurrences/occurrence-status.js';
import { recordOccurrenceEvent } from '../../src/modules/occurrences/record-occurrence-event.js';
import type { EffectivenessReport } from '../../src/modules/posture/posture.schema.js';
import {
  effectivenessCsvChunks,
  effectivenessJsonChunks,
  openEffectivenessReport,
  reportEffectiveness,
} from '../../src/modules/posture/report-effectiveness.js';
import { neutraliseFormula } from '../../src/platform/csv/csv.js';
import type { Actor } from '../../src/platform/audit/actor.js';
import { mutate } from '../../src/platform/audit/mutate.js';
import * as occurrenceStateMigration from '../../src/platform/db/migrations/2026-11-25T00-00_occurrence-state.js';
import * as occurrenceStateForEveryOccurrenceMigration from '../../src/platform/db/migrations/2026-12-03T05-00_occurrence-state-for-every-occurrence.js';
import * as lateEvidenceMigration from '../../src/platform/db/migrations/2026-12-06T10-10_late-evidence.js';
import * as pastWorkMigration from '../../src/platform/db/migrations/2026-12-08T03-00_occurrence-past-work-from-events.js';
import { FixedClock } from '../../src/platform/clock.js';
import { createTestApp, type TestApp } from '../support/test-app.js';

const CATALOG = {
  frameworks: [
    {
      key: 'statefw',
      title: 'State framework',
      kind: 'internal',
      issuer: 'Quality',
      description: 'Occurrence state test framework.',
      requirements: [{ key: 'statefw:1', title: 'Work', summary: 'Daily and weekly work.' }],
    },
  ],
  controls: [
    {
      key: 'state-daily',
      title: 'Daily check',
      theme: 'state-test',
      objective: 'A daily check.',
      ownerRole: 'engineering',
      cadence: { frequency: 'daily', startsOn: '2026-01-01' },
      evaluation: { mode: 'manual' },
      evidenceExpected: [{ kind: 'record', description: 'A record.' }],
      requirements: ['statefw:1'],
    },
    {
      key: 'state-weekly',
      title: '+Weekly per-asset check',
      theme: 'state-test',
      objective: 'A weekly check of every server.',
      ownerRole: 'engineering',
      perAsset: true,
      scope: {},
      cadence: { frequency: 'weekly', startsOn: '2026-01-01' },
      evaluation: { mode: 'manual' },
      evidenceExpected: [{ kind: 'record', description: 'A record.' }],
      requirements: ['statefw:1'],
    },
  ],
};

/** A report row as its CSV line (the cells here never need quotes: checked). */
function csvLineOf(row: EffectivenessReport['rows'][number]): string {
  const cells = [
    row.controlKey,
    row.controlTitle,
    row.requirementKeys.join(';'),
    row.periodKey,
    row.assetKey,
    row.opensAt,
    row.dueAt,
    row.status,
    row.completedAt ?? '',
    row.performer ?? '',
    row.verifiedAt ?? '',
    row.verifier ?? '',
    String(row.evidenceCount),
    row.exceptions.join(';'),
    String(row.lateEvidence),
  ].map(neutraliseFormula);
  expect(cells.some((cell) => /[",\n]/.test(cell))).toBe(false);
  return `${cells.join(',')}\n`;
}

const people: Actor[] = [
  { type: 'user', id: 'u-alice', label: 'alice@example.test', role: 'engineering' },
  { type: 'user', id: 'u-bob', label: 'bob@example.test', role: 'quality' },
];

interface StoredEvent {
  kind: OccurrenceEventKind;
  at: Date;
  actor_id: string | null;
  actor_label: string;
}

/**
 * The state the events say, folded in the order they were recorded with workStateAfter (the
 * definition of the transitions): what occurrence_state must always hold.
 */
function stateFromEvents(generatedAt: Date, events: StoredEvent[], evidence: Date[]) {
  let workState: WorkState = 'not_started';
  const state = {
    started_at: null as Date | null,
    completed_at: null as Date | null,
    performer_id: null as string | null,
    performer_label: null as string | null,
    verified_at: null as Date | null,
    verifier_id: null as string | null,
    verifier_label: null as string | null,
    not_applicable_at: null as Date | null,
  };
  for (const event of events) {
    const next = workStateAfter(workState, event.kind);
    if (event.kind === 'started') state.started_at ??= event.at;
    if (event.kind === 'completed') {
      state.completed_at = event.at;
      state.performer_id = event.actor_id;
      state.performer_label = event.actor_label;
    }
    if (event.kind === 'rejected' && workState === 'done') {
      state.completed_at = null;
      state.performer_id = null;
      state.performer_label = null;
    }
    if (event.kind === 'verified' && workState === 'done') {
      state.verified_at = event.at;
      state.verifier_id = event.actor_id;
      state.verifier_label = event.actor_label;
    }
    if (event.kind === 'not_applicable' && workState !== 'not_applicable')
      state.not_applicable_at = event.at;
    workState = next;
  }
  const instants = [generatedAt, ...events.map((event) => event.at), ...evidence].map((at) =>
    at.getTime(),
  );
  return {
    work_state: workState,
    ...state,
    completed_at_iso: state.completed_at?.toISOString() ?? null,
    verified_at_iso: state.verified_at?.toISOString() ?? null,
    evidence_count: evidence.length,
    last_recorded_at: new Date(Math.max(...instants)),
  };
}

describe('occurrence state', () => {
  let t: TestApp;
  let admin: string;
  const clock = new FixedClock('2026-01-01T00:00:00Z');
  let daily: {
    id: string;
    opens_at: Date;
    due_at: Date;
    closes_at: Date;
    generated_at: Date;
  }[] = [];

  const storedState = async (occurrenceId: string) =>
    (await t.ctx.db
      .selectFrom('occurrence_state')
      .select([
        'work_state',
        'started_at',
        'completed_at',
        'performer_id',
        'performer_label',
        'verified_at',
        'verifier_id',
        'verifier_label',
        'not_applicable_at',
        'completed_at_iso',
        'verified_at_iso',
        'evidence_count',
        'last_recorded_at',
      ])
      .where('occurrence_id', '=', occurrenceId)
      .executeTakeFirst()) ?? null;

  const eventsOf = async (occurrenceId: string) =>
    (await t.ctx.db
      .selectFrom('occurrence_events')
      .select(['kind', 'at', 'actor_id', 'actor_label'])
      .where('occurrence_id', '=', occurrenceId)
      .orderBy('seq')
      .execute()) as StoredEvent[];

  const evidenceOf = async (occurrenceId: string) =>
    (
      await t.ctx.db
        .selectFrom('evidence_attachments')
        .select('uploaded_at')
        .where('occurrence_id', '=', occurrenceId)
        .execute()
    ).map((row) => row.uploaded_at);

  async function attachEvidenceRow(occurrenceId: string, name: string) {
    await t.ctx.db
      .insertInto('evidence_attachments')
      .values({
        occurrence_id: occurrenceId,
        record_type: 'occurrence',
        record_id: occurrenceId,
        sha256: '0'.repeat(64),
        size_bytes: 1,
        content_type: 'text/plain',
        filename: `${name}.txt`,
        storage_key: `test/${name}`,
        uploaded_by: 'alice@example.test',
        uploaded_at: clock.now(),
      })
      .execute();
  }

  beforeAll(async () => {
    t = await createTestApp({ clock });
    admin = await t.tokenFor('admin');
    expect((await t.call(admin, 'POST', '/api/v1/catalog/apply', CATALOG)).statusCode).toBe(200);
    for (const key of ['srv-1', 'srv-2']) {
      const created = await t.call(admin, 'POST', '/api/v1/assets', {
        key,
        name: `${key} server`,
        category: 'server',
        environment: 'production',
        ownerRole: 'engineering',
        criticality: 'medium',
        dataClassification: 'internal',
      });
      expect(created.statusCode).toBe(201);
    }
    await generateOccurrences(t.ctx, {
      from: new Date('2026-01-01T00:00:00Z'),
      until: new Date('2026-12-31T00:00:00Z'),
    });
    daily = await t.ctx.db
      .selectFrom('occurrences')
      .innerJoin('controls', 'controls.id', 'occurrences.control_id')
      .select(['occurrences.id', 'opens_at', 'due_at', 'closes_at', 'generated_at'])
      .where('controls.key', '=', 'state-daily')
      .orderBy('due_at')
      .execute();
    expect(daily.length).toBeGreaterThan(300);
  });
  afterAll(() => t.close());

  it('equals the state its events say after every transition, legal or refused', async () => {
    let next = 0;
    const command = fc.record({
      kind: fc.constantFrom<OccurrenceEventKind | 'evidence'>(
        ...OCCURRENCE_EVENT_KINDS,
        'evidence',
      ),
      hoursLater: fc.integer({ min: 0, max: 30 }),
      person: fc.integer({ min: 0, max: people.length - 1 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 7 }), async (commands) => {
        // A fresh occurrence per run, two days apart so the clock only moves forward.
        const occurrence = daily[(next += 2)]!;
        let at = occurrence.opens_at.getTime() - 6 * 3_600_000;
        for (const step of commands) {
          at += step.hoursLater * 3_600_000;
          clock.set(new Date(at).toISOString());
          if (step.kind === 'evidence') {
            await attachEvidenceRow(occurrence.id, `${occurrence.id}-${at}`);
          } else {
            const kind = step.kind;
            await mutate(t.ctx, people[step.person]!, (tx) =>
              recordOccurrenceEvent(tx, occurrence.id, kind),
            ).catch((error: { code?: string }) => {
              // Refused transitions record nothing; anything else is a failure.
              if (error.code !== 'conflict') throw error;
            });
          }
          const events = await eventsOf(occurrence.id);
          const evidence = await evidenceOf(occurrence.id);
          const expected = stateFromEvents(occurrence.generated_at, events, evidence);
          // Every occurrence has its row from generation on, work or none.
          expect(await storedState(occurrence.id)).toEqual(expected);
          // And the stored work state gives the status the events give.
          const window = {
            opensAt: occurrence.opens_at,
            dueAt: occurrence.due_at,
            closesAt: occurrence.closes_at,
          };
          expect(statusFromWorkState(window, expected.work_state, clock.now())).toBe(
            occurrenceStatusAt(window, events, clock.now()),
          );
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives every occurrence its row, with a copy of its window and keys', async () => {
    const result = await sql<{ occurrences: number; rows: number; differing: number }>`
      select (select count(*)::int from occurrences) as occurrences,
        (select count(*)::int from occurrence_state) as rows,
        (select count(*)::int from occurrences o
          join occurrence_state s on s.occurrence_id = o.id
          where (s.control_id, s.period_key, s.asset_key, s.opens_at, s.due_at, s.closes_at,
              s.generated_at)
            is distinct from (o.control_id, o.period_key, o.asset_key, o.opens_at, o.due_at,
              o.closes_at, o.generated_at)
            or s.trigger_event_id is distinct from o.trigger_event_id) as differing`.execute(
      t.ctx.db,
    );
    expect(result.rows[0]).toEqual({
      occurrences: result.rows[0]!.rows,
      rows: expect.any(Number) as number,
      differing: 0,
    });
    expect(result.rows[0]!.rows).toBeGreaterThan(300);
    // Its instants' text is what Date.toISOString writes of them.
    const stored = await t.ctx.db
      .selectFrom('occurrence_state')
      .select(['opens_at', 'due_at', 'opens_at_iso', 'due_at_iso'])
      .execute();
    for (const row of stored) {
      expect([row.opens_at_iso, row.due_at_iso]).toEqual([
        row.opens_at.toISOString(),
        row.due_at.toISOString(),
      ]);
    }
  });

  it('is rebuilt by the migration from existing events and evidence (backfill)', async () => {
    const before = await t.ctx.db
      .selectFrom('occurrence_state')
      .selectAll()
      .orderBy('occurrence_id')
      .execute();
    expect(before.length).toBeGreaterThan(10);
    // Back to the schema before the migration, with the events and evidence left in place.
    await sql`drop trigger occurrence_events_state on occurrence_events`.execute(t.ctx.db);
    await sql`drop trigger evidence_attachments_state on evidence_attachments`.execute(t.ctx.db);
    await sql`drop trigger occurrences_state on occurrences`.execute(t.ctx.db);
    await sql`drop function occurrence_state_after_event()`.execute(t.ctx.db);
    await sql`drop function occurrence_state_after_evidence()`.execute(t.ctx.db);
    await sql`drop function occurrence_state_for_new_occurrences()`.execute(t.ctx.db);
    await sql`drop function occurrence_instant_text(timestamptz)`.execute(t.ctx.db);
    await sql`drop table occurrence_state cascade`.execute(t.ctx.db);
    await sql`drop index occurrences_control_due_asset_period_idx`.execute(t.ctx.db);
    await sql`create index occurrences_control_due_idx on occurrences (control_id, due_at)`.execute(
      t.ctx.db,
    );
    // The evidence table still had its first name then.
    await sql`alter table evidence_attachments rename to evidence_files`.execute(t.ctx.db);
    await occurrenceStateMigration.up(t.ctx.db);
    // Only occurrences with work had a row then; the later migration gives every one its row.
    expect(
      (await t.ctx.db.selectFrom('occurrence_state').select('occurrence_id').execute()).length,
    ).toBeLessThan(before.length);
    await occurrenceStateForEveryOccurrenceMigration.up(t.ctx.db);
    await sql`alter table evidence_files rename to evidence_attachments`.execute(t.ctx.db);
    await sql`alter trigger evidence_files_state on evidence_attachments rename to evidence_attachments_state`.execute(
      t.ctx.db,
    );
    await lateEvidenceMigration.up(t.ctx.db);
    await pastWorkMigration.up(t.ctx.db);
    const after = await t.ctx.db
      .selectFrom('occurrence_state')
      .selectAll()
      .orderBy('occurrence_id')
      .execute();
    expect(after).toEqual(before);
  });

  describe('effectiveness report', () => {
    const query = { framework: 'statefw', from: '2026-01-01', to: '2026-12-31' };

    beforeAll(async () => {
      // Work on the weekly per-asset control too, then evaluate late in the year.
      const weekly = await t.ctx.db
        .selectFrom('occurrences')
        .innerJoin('controls', 'controls.id', 'occurrences.control_id')
        .select(['occurrences.id', 'opens_at'])
        .where('controls.key', '=', 'state-weekly')
        .where('due_at', '<', new Date('2026-06-01T00:00:00Z'))
        .orderBy('due_at')
        .execute();
      for (const [index, occurrence] of weekly.entries()) {
        if (index % 3 === 2) continue;
        clock.set(new Date(occurrence.opens_at.getTime() + 3_600_000).toISOString());
        await mutate(t.ctx, people[index % 2]!, (tx) =>
          recordOccurrenceEvent(tx, occurrence.id, 'completed'),
        );
        if (index % 3 === 0) await attachEvidenceRow(occurrence.id, `weekly-${index}`);
      }
      clock.set('2026-07-15T12:00:00Z');
    });

    it('streams over HTTP, page by page, exactly the report the use case returns', async () => {
      const whole = await reportEffectiveness(t.ctx, query);
      expect(whole.rows.length).toBeGreaterThan(400);
      const paged = await openEffectivenessReport(t.ctx, query, { pageRows: 7 });
      const rows = [];
      for await (const page of paged.pages()) rows.push(...page);
      expect({ ...paged.head, summary: await paged.summary(), rows }).toEqual(whole);

      const json = await t.call(
        admin,
        'GET',
        '/api/v1/reports/effectiveness?framework=statefw&from=2026-01-01&to=2026-12-31',
      );
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      // The rows first, then the summary counted from them.
      const { summary, rows: wholeRows, ...head } = whole;
      expect(json.body).toBe(JSON.stringify({ ...head, rows: wholeRows, summary }));

      const csv = await t.call(
        admin,
        'GET',
        '/api/v1/reports/effectiveness?framework=statefw&from=2026-01-01&to=2026-12-31&format=csv',
      );
      expect(csv.statusCode).toBe(200);
      const lines = csv.body.trimEnd().split('\n');
      expect(lines[0]).toBe(
        'control_key,control_title,requirement_keys,period_key,asset_key,opens_at,due_at,status,completed_at,performer,verified_at,verifier,evidence_count,exceptions,late_evidence',
      );
      expect(lines).toHaveLength(whole.rows.length + 1);
      // Cells a spreadsheet would read as formulas are guarded on every page.
      expect(lines.filter((line) => line.startsWith("state-weekly,'+Weekly"))).toHaveLength(
        whole.rows.filter((row) => row.controlKey === 'state-weekly').length,
      );
    });

    it('writes the same text in small pages as in large ones, and counts the same summary', async () => {
      const whole = await reportEffectiveness(t.ctx, query);
      const { summary, rows: wholeRows, ...head } = whole;
      for (const pageRows of [1, 7, 10_000]) {
        const stream = await openEffectivenessReport(t.ctx, query, { pageRows });
        let json = '';
        for await (const chunk of effectivenessJsonChunks(stream)) json += chunk;
        expect(json).toBe(JSON.stringify({ ...head, rows: wholeRows, summary }));
        let csv = '';
        for await (const chunk of effectivenessCsvChunks(stream)) csv += chunk;
        expect(csv.split('\n')).toHaveLength(wholeRows.length + 2);
        expect(csv).toBe(
          csv.slice(0, csv.indexOf('\n') + 1) + wholeRows.map((row) => csvLineOf(row)).join(''),
        );
      }
    });

    it('counts the summary from the rows', async () => {
      const report: EffectivenessReport = await reportEffectiveness(t.ctx, query);
      const byStatus: Record<string, number> = {};
      for (const row of report.rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
      expect(report.summary.byStatus).toEqual(byStatus);
      expect(report.summary.occurrences).toBe(report.rows.length);
      for (const exception of ['missed', 'late', 'unverified'] as const) {
        expect(report.summary[exception]).toBe(
          report.rows.filter((row) => row.exceptions.includes(exception)).length,
        );
      }
      expect(report.summary.withExceptions).toBe(
        report.rows.filter((row) => row.exceptions.length > 0).length,
      );
    });

    it('gives a closed period the same rows from the events as from the state', async () => {
      const closed = { framework: 'statefw', from: '2026-01-01', to: '2026-03-31' };
      const asOfEnd = await reportEffectiveness(t.ctx, closed);
      // Work recorded after the period leaves its report unchanged (the state moves on, the
      // report for the closed period reads those occurrences' events up to its end instead).
      // An odd-numbered day: the transition property above works on the even-numbered ones, and
      // this work, recorded in July, must not sit among its events whichever test runs first.
      const march = daily.find(
        (occurrence, index) => index % 2 === 1 && occurrence.due_at > new Date('2026-03-20'),
      )!;
      const before = await reportEffectiveness(t.ctx, closed);
      clock.set('2026-07-16T12:00:00Z');
      await mutate(t.ctx, people[0]!, (tx) =>
        recordOccurrenceEvent(tx, march.id, 'not_applicable', { note: 'late call' }),
      ).catch((error: { code?: string }) => {
        if (error.code !== 'conflict') throw error;
      });
      await attachEvidenceRow(march.id, 'after-the-period');
      expect(await reportEffectiveness(t.ctx, closed)).toEqual(before);
      expect(before).toEqual(asOfEnd);
    });
  });
});
