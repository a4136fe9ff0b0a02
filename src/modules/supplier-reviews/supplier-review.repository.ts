import type { Insertable, Kysely, Transaction } from 'kysely';
import type { Database, SupplierReviewsTable } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function selectReviews(db: Db) {
  return db
    .selectFrom('supplier_reviews')
    .innerJoin('suppliers', 'suppliers.id', 'supplier_reviews.supplier_id')
    .selectAll('supplier_reviews')
    .select(['suppliers.key as supplier_key', 'suppliers.name as supplier_name'])
    .select((eb) => [
      eb
        .selectFrom('supplier_review_cuecs')
        .whereRef('supplier_review_cuecs.review_id', '=', 'supplier_reviews.id')
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .as('cuec_count'),
      eb
        .selectFrom('supplier_review_cuecs')
        .whereRef('supplier_review_cuecs.review_id', '=', 'supplier_reviews.id')
        .where('supplier_review_cuecs.in_place', 'is not', null)
        .select((inner) => inner.fn.countAll<string>().as('n'))
        .as('cuecs_checked'),
    ]);
}

export type ReviewRow = NonNullable<Awaited<ReturnType<typeof supplierReviewRepository.get>>>;
export type CuecRow = Awaited<ReturnType<typeof supplierReviewRepository.cuecs>>[number];
export type SupplierEventRow = Awaited<ReturnType<typeof supplierReviewRepository.events>>[number];

/** SQL of supplier reviews, their CUECs, supplier timelines and certification renewals. */
export const supplierReviewRepository = {
  get: (db: Db, id: string) =>
    selectReviews(db).where('supplier_reviews.id', '=', id).executeTakeFirst(),

  /** Newest first: (created_at, id) descending, after the cursor's row. */
  page: (
    db: Db,
    query: {
      supplierId?: string;
      status?: string;
      signedFrom?: Date;
      signedBefore?: Date;
      after?: readonly [string, string];
      limit: number;
    },
  ) => {
    let select = selectReviews(db);
    if (query.supplierId)
      select = select.where('supplier_reviews.supplier_id', '=', query.supplierId);
    if (query.status) select = select.where('supplier_reviews.status', '=', query.status);
    if (query.signedFrom)
      select = select.where('supplier_reviews.signed_at', '>=', query.signedFrom);
    if (query.signedBefore)
      select = select.where('supplier_reviews.signed_at', '<', query.signedBefore);
    if (query.after) {
      const [createdAt, id] = query.after;
      select = select.where((eb) =>
        eb.or([
          eb('supplier_reviews.created_at', '<', new Date(createdAt)),
          eb.and([
            eb('supplier_reviews.created_at', '=', new Date(createdAt)),
            eb('supplier_reviews.id', '<', id),
          ]),
        ]),
      );
    }
    return select
      .orderBy('supplier_reviews.created_at', 'desc')
      .orderBy('supplier_reviews.id', 'desc')
      .limit(query.limit)
      .execute();
  },

  lockForUpdate: (db: Db, id: string) =>
    db
      .selectFrom('supplier_reviews')
      .select(['id', 'status', 'supplier_id'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  insert: (db: Db, values: Insertable<SupplierReviewsTable>) =>
    db.insertInto('supplier_reviews').values(values).returning('id').executeTakeFirstOrThrow(),

  update: (
    db: Db,
    id: string,
    values: Partial<{
      report_kind: string;
      report_title: string;
      period_from: string | null;
      period_to: string | null;
      opinion: string;
      exceptions: string;
      bridge_letter_through: string | null;
      findings: string;
      next_review_due: string | null;
      status: string;
      decision: string;
      conditions: string;
      signature_id: string;
      signed_at: Date;
      signed_by: string;
      updated_at: Date;
    }>,
  ) => db.updateTable('supplier_reviews').set(values).where('id', '=', id).execute(),

  cuecs: (db: Db, reviewId: string) =>
    db
      .selectFrom('supplier_review_cuecs')
      .selectAll()
      .where('review_id', '=', reviewId)
      .orderBy('position')
      .execute(),

  insertCuecs: async (
    db: Db,
    reviewId: string,
    texts: readonly string[],
    firstPosition: number,
  ) => {
    if (texts.length === 0) return;
    await db
      .insertInto('supplier_review_cuecs')
      .values(
        texts.map((text, index) => ({
          review_id: reviewId,
          position: firstPosition + index,
          text,
        })),
      )
      .execute();
  },

  checkCuec: (
    db: Db,
    reviewId: string,
    position: number,
    values: { in_place: boolean; comment: string; checked_by: string; checked_at: Date },
  ) =>
    db
      .updateTable('supplier_review_cuecs')
      .set(values)
      .where('review_id', '=', reviewId)
      .where('position', '=', position)
      .returningAll()
      .executeTakeFirst(),

  /** Suppliers that provide a registered asset and have no review signed in [from, to). */
  suppliersWithAssetsUnreviewed: (db: Db, from: Date, to: Date) =>
    db
      .selectFrom('suppliers')
      .select(['suppliers.key'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('assets')
            .select('assets.id')
            .whereRef('assets.supplier_id', '=', 'suppliers.id'),
        ),
      )
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('supplier_reviews')
              .select('supplier_reviews.id')
              .whereRef('supplier_reviews.supplier_id', '=', 'suppliers.id')
              .where('supplier_reviews.signed_at', '>=', from)
              .where('supplier_reviews.signed_at', '<', to),
          ),
        ),
      )
      .orderBy('suppliers.key')
      .execute(),

  insertEvent: (
    db: Db,
    values: {
      supplier_id: string;
      kind: string;
      at: Date;
      title: string;
      detail: string;
      incident_id: string | null;
      review_id: string | null;
      recorded_by: string;
      recorded_at: Date;
    },
  ) => db.insertInto('supplier_events').values(values).returning('id').executeTakeFirstOrThrow(),

  getEvent: (db: Db, id: string) =>
    db.selectFrom('supplier_events').selectAll().where('id', '=', id).executeTakeFirst(),

  /** A supplier's timeline, newest first: (at, id) descending, after the cursor's row. */
  events: (
    db: Db,
    query: { supplierId: string; after?: readonly [string, string]; limit: number },
  ) => {
    let select = db
      .selectFrom('supplier_events')
      .selectAll()
      .where('supplier_id', '=', query.supplierId);
    if (query.after) {
      const [at, id] = query.after;
      select = select.where((eb) =>
        eb.or([
          eb('at', '<', new Date(at)),
          eb.and([eb('at', '=', new Date(at)), eb('id', '<', id)]),
        ]),
      );
    }
    return select.orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
  },

  /** Renewals already opened, by supplier, certification and the expiry they were opened for. */
  renewals: (db: Db, supplierIds?: readonly string[]) => {
    let select = db.selectFrom('supplier_certificate_renewals').selectAll();
    if (supplierIds) {
      if (supplierIds.length === 0) return Promise.resolve([]);
      select = select.where('supplier_id', 'in', supplierIds);
    }
    return select.orderBy('opened_at').execute();
  },

  insertRenewal: (
    db: Db,
    values: {
      supplier_id: string;
      certification: string;
      expires_on: string;
      occurrence_id: string;
      opened_at: Date;
    },
  ) => db.insertInto('supplier_certificate_renewals').values(values).execute(),

  markRenewed: (
    db: Db,
    key: { supplierId: string; certification: string; expiresOn: string },
    renewal: { expiresOn: string; at: Date },
  ) =>
    db
      .updateTable('supplier_certificate_renewals')
      .set({ renewed_expires_on: renewal.expiresOn, renewed_at: renewal.at })
      .where('supplier_id', '=', key.supplierId)
      .where('certification', '=', key.certification)
      .where('expires_on', '=', key.expiresOn)
      .where('renewed_at', 'is', null)
      .returning('occurrence_id')
      .execute(),
};
