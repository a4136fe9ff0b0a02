import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** SQL of the periodic review of effective documents: its occurrences and signed reviews. */
export const documentReviewRepository = {
  /**
   * Effective versions whose review date is on or before `reviewDueBy` and has no review
   * occurrence yet (each review date of a version opens one).
   */
  dueWithoutOccurrence: (db: Db, reviewDueBy: string) =>
    db
      .selectFrom('document_versions')
      .innerJoin('documents', 'documents.id', 'document_versions.document_id')
      .select([
        'documents.id as document_id',
        'documents.key',
        'document_versions.id as version_id',
        'document_versions.version',
        'document_versions.title',
        'document_versions.review_due_on',
      ])
      .where('document_versions.status', '=', 'effective')
      .where('document_versions.review_due_on', '<=', reviewDueBy)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('document_review_occurrences')
              .select('document_review_occurrences.occurrence_id')
              .whereRef('document_review_occurrences.version_id', '=', 'document_versions.id')
              .whereRef(
                'document_review_occurrences.review_due_on',
                '=',
                'document_versions.review_due_on',
              ),
          ),
        ),
      )
      .orderBy('document_versions.review_due_on')
      .execute(),

  insertOccurrenceLinks: async (
    db: Db,
    rows: readonly {
      occurrenceId: string;
      documentId: string;
      versionId: string;
      reviewDueOn: string;
      at: Date;
    }[],
  ): Promise<void> => {
    if (rows.length === 0) return;
    await db
      .insertInto('document_review_occurrences')
      .values(
        rows.map((row) => ({
          occurrence_id: row.occurrenceId,
          document_id: row.documentId,
          version_id: row.versionId,
          review_due_on: row.reviewDueOn,
          opened_at: row.at,
        })),
      )
      .execute();
  },

  /** The document's review occurrences not met yet, oldest review date first. */
  openOccurrences: (db: Db, documentId: string) =>
    db
      .selectFrom('document_review_occurrences')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('met_at', 'is', null)
      .orderBy('review_due_on')
      .execute(),

  markMet: async (
    db: Db,
    occurrenceIds: readonly string[],
    values: { at: Date; by: 'new-version' | 'reviewed' },
  ): Promise<void> => {
    if (occurrenceIds.length === 0) return;
    await db
      .updateTable('document_review_occurrences')
      .set({ met_at: values.at, met_by: values.by })
      .where('occurrence_id', 'in', [...occurrenceIds])
      .execute();
  },

  /** Every review occurrence of a document, newest review date first. */
  occurrences: (db: Db, documentId: string) =>
    db
      .selectFrom('document_review_occurrences')
      .innerJoin(
        'document_versions',
        'document_versions.id',
        'document_review_occurrences.version_id',
      )
      .select([
        'document_review_occurrences.occurrence_id',
        'document_review_occurrences.review_due_on',
        'document_review_occurrences.opened_at',
        'document_review_occurrences.met_at',
        'document_review_occurrences.met_by',
        'document_versions.version',
      ])
      .where('document_review_occurrences.document_id', '=', documentId)
      .orderBy('document_review_occurrences.review_due_on', 'desc')
      .execute(),

  insertPeriodicReview: (
    db: Db,
    values: {
      documentId: string;
      versionId: string;
      reviewDueOn: string;
      nextReviewDueOn: string;
      note: string;
      signatureId: string;
      signerLabel: string;
      at: Date;
    },
  ) =>
    db
      .insertInto('document_periodic_reviews')
      .values({
        document_id: values.documentId,
        version_id: values.versionId,
        review_due_on: values.reviewDueOn,
        next_review_due_on: values.nextReviewDueOn,
        note: values.note,
        signature_id: values.signatureId,
        signer_label: values.signerLabel,
        reviewed_at: values.at,
      })
      .execute(),

  /** The signed periodic reviews of a document, newest first. */
  periodicReviews: (db: Db, documentId: string) =>
    db
      .selectFrom('document_periodic_reviews')
      .innerJoin(
        'document_versions',
        'document_versions.id',
        'document_periodic_reviews.version_id',
      )
      .select([
        'document_periodic_reviews.id',
        'document_versions.version',
        'document_periodic_reviews.review_due_on',
        'document_periodic_reviews.next_review_due_on',
        'document_periodic_reviews.note',
        'document_periodic_reviews.signature_id',
        'document_periodic_reviews.signer_label',
        'document_periodic_reviews.reviewed_at',
      ])
      .where('document_periodic_reviews.document_id', '=', documentId)
      .orderBy('document_periodic_reviews.reviewed_at', 'desc')
      .execute(),

  /** The next periodic review date of an effective version (after a "no change" review). */
  setReviewDueOn: (db: Db, versionId: string, reviewDueOn: string) =>
    db
      .updateTable('document_versions')
      .set({ review_due_on: reviewDueOn })
      .where('id', '=', versionId)
      .execute(),
};
