import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function withNames(db: Db) {
  return db
    .selectFrom('access_requests')
    .innerJoin('people', 'people.id', 'access_requests.person_id')
    .innerJoin('assets', 'assets.id', 'access_requests.asset_id')
    .selectAll('access_requests')
    .select(['people.email as person_email', 'assets.key as asset_key']);
}

export type AccessRequestRow = NonNullable<
  Awaited<ReturnType<typeof accessRequestsRepository.findById>>
>;

/** SQL for access requests, and nothing else. */
export const accessRequestsRepository = {
  async insert(
    db: Db,
    values: {
      personId: string;
      assetId: string;
      role: string;
      justification: string;
      requestedById: string | null;
      requestedByLabel: string;
      now: Date;
    },
  ): Promise<string> {
    const row = await db
      .insertInto('access_requests')
      .values({
        person_id: values.personId,
        asset_id: values.assetId,
        role: values.role,
        justification: values.justification,
        status: 'requested',
        requested_by_id: values.requestedById,
        requested_by_label: values.requestedByLabel,
        requested_at: values.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async findById(db: Db, id: string) {
    return withNames(db).where('access_requests.id', '=', id).executeTakeFirst();
  },

  async lock(db: Db, id: string) {
    return db
      .selectFrom('access_requests')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
  },

  async approve(
    db: Db,
    id: string,
    values: { byId: string; byLabel: string; signatureId: string; at: Date },
  ): Promise<void> {
    await db
      .updateTable('access_requests')
      .set({
        status: 'approved',
        approved_by_id: values.byId,
        approved_by_label: values.byLabel,
        approval_signature_id: values.signatureId,
        approved_at: values.at,
      })
      .where('id', '=', id)
      .execute();
  },

  async reject(
    db: Db,
    id: string,
    values: { byLabel: string; signatureId: string; reason: string; at: Date },
  ): Promise<void> {
    await db
      .updateTable('access_requests')
      .set({
        status: 'rejected',
        rejected_by_label: values.byLabel,
        rejection_signature_id: values.signatureId,
        rejection_reason: values.reason,
        rejected_at: values.at,
      })
      .where('id', '=', id)
      .execute();
  },

  async grant(db: Db, id: string, values: { byLabel: string; at: Date }): Promise<void> {
    await db
      .updateTable('access_requests')
      .set({ status: 'granted', granted_by_label: values.byLabel, granted_at: values.at })
      .where('id', '=', id)
      .execute();
  },

  /** Newest first; the id breaks ties. */
  async page(
    db: Db,
    query: {
      assetKey?: string | undefined;
      status?: string | undefined;
      after: [string, string] | null;
      limit: number;
    },
  ) {
    let select = withNames(db);
    if (query.assetKey) select = select.where('assets.key', '=', query.assetKey);
    if (query.status) select = select.where('access_requests.status', '=', query.status);
    if (query.after) {
      const [at, id] = query.after;
      select = select.where((eb) =>
        eb.or([
          eb('access_requests.requested_at', '<', new Date(at)),
          eb.and([
            eb('access_requests.requested_at', '=', new Date(at)),
            eb('access_requests.id', '<', id),
          ]),
        ]),
      );
    }
    return select
      .orderBy('access_requests.requested_at', 'desc')
      .orderBy('access_requests.id', 'desc')
      .limit(query.limit + 1)
      .execute();
  },
};
