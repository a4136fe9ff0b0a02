import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export const nonconformanceRepository = {
  list: (db: Db) =>
    db.selectFrom('nonconformances').selectAll().orderBy('number', 'desc').limit(5000).execute(),
  findById: (db: Db, id: string) =>
    db.selectFrom('nonconformances').selectAll().where('id', '=', id).executeTakeFirst(),
  findForUpdate: (trx: Transaction<Database>, id: string) =>
    trx
      .selectFrom('nonconformances')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),
  sourceIdsRaised: async (db: Db, sourceType: string, sourceIds: string[]) =>
    sourceIds.length === 0
      ? new Set<string>()
      : new Set(
          (
            await db
              .selectFrom('nonconformances')
              .select('source_id')
              .where('source_type', '=', sourceType)
              .where('source_id', 'in', sourceIds)
              .execute()
          ).map((row) => row.source_id),
        ),
  /** Inserts unless the source already raised one; returns the new row or undefined. */
  insertOnce: (
    db: Db,
    values: {
      sourceType: string;
      sourceId: string;
      title: string;
      description: string;
      ownerRole: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('nonconformances')
      .values({
        source_type: values.sourceType,
        source_id: values.sourceId,
        title: values.title,
        description: values.description,
        owner_role: values.ownerRole,
        status: 'open',
        raised_at: values.now,
        updated_at: values.now,
      })
      .onConflict((oc) => oc.columns(['source_type', 'source_id']).doNothing())
      .returningAll()
      .executeTakeFirst(),
  update: (
    db: Db,
    id: string,
    changes: Partial<{
      status: string;
      owner_role: string;
      description: string;
      closed_at: Date | null;
    }>,
    now: Date,
  ) =>
    db
      .updateTable('nonconformances')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
};
