import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface DrExerciseFilter {
  ids?: string[];
  type?: string | undefined;
  status?: string | undefined;
  recordedUntil?: Date | undefined;
  /** Only those started in [start, end): an engaged auditor's period. */
  within?: { start: Date; end: Date } | undefined;
  /** Keyset: continue after this (finished_at, number), latest first. */
  after?: { finishedAt: Date; number: number } | undefined;
  /** At most this many; all when absent. */
  limit?: number | undefined;
}

export const drExerciseRepository = {
  list: (db: Db, filter: DrExerciseFilter = {}) => {
    let select = db
      .selectFrom('dr_exercises')
      .selectAll()
      .orderBy('finished_at', 'desc')
      .orderBy('number', 'desc');
    if (filter.ids) select = select.where('id', 'in', filter.ids);
    if (filter.type) select = select.where('type', '=', filter.type);
    if (filter.status) select = select.where('status', '=', filter.status);
    if (filter.recordedUntil) select = select.where('created_at', '<=', filter.recordedUntil);
    if (filter.within)
      select = select
        .where('started_at', '>=', filter.within.start)
        .where('started_at', '<', filter.within.end);
    const after = filter.after;
    if (after)
      select = select.where((eb) =>
        eb(eb.refTuple('finished_at', 'number'), '<', eb.tuple(after.finishedAt, after.number)),
      );
    if (filter.limit !== undefined) select = select.limit(filter.limit);
    return select.execute();
  },
  findForUpdate: (trx: Transaction<Database>, id: string) =>
    trx.selectFrom('dr_exercises').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  insert: (
    trx: Transaction<Database>,
    values: {
      type: string;
      scenario: string;
      startedAt: Date;
      finishedAt: Date;
      participants: { name: string; role: string }[];
      timeline: { at: string; description: string }[];
      recoveryMeasurements: {
        subject: string;
        assetKey: string | null;
        measuredSeconds: number;
        targetRto: string;
        met: boolean;
      }[];
      deficiencies: {
        title: string;
        description: string;
        ownerUserId: string | null;
        dueOn: string;
      }[];
      outcome: string;
      summary: string;
      recordedById: string;
      recordedByLabel: string;
      now: Date;
    },
  ) =>
    trx
      .insertInto('dr_exercises')
      .values({
        type: values.type,
        scenario: values.scenario,
        started_at: values.startedAt,
        finished_at: values.finishedAt,
        participants: JSON.stringify(values.participants),
        timeline: JSON.stringify(values.timeline),
        recovery_measurements: JSON.stringify(values.recoveryMeasurements),
        deficiencies: JSON.stringify(values.deficiencies),
        outcome: values.outcome,
        summary: values.summary,
        status: 'completed',
        recorded_by_id: values.recordedById,
        recorded_by_label: values.recordedByLabel,
        created_at: values.now,
        updated_at: values.now,
      })
      .returning(['id', 'number'])
      .executeTakeFirstOrThrow(),
};

export type DrExerciseRow = NonNullable<
  Awaited<ReturnType<typeof drExerciseRepository.findForUpdate>>
>;
