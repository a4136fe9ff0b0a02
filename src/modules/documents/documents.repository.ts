import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, DocumentsTable, DocumentVersionsTable } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type DocumentRow = Selectable<DocumentsTable>;
export type DocumentVersionRow = Selectable<DocumentVersionsTable>;

export interface NewDocumentVersion {
  id: string;
  attestationSignatureId: string | null;
  approvedAt: Date | null;
  documentId: string;
  version: number;
  status: string;
  title: string;
  author: string;
  reviewers: string[];
  approvers: string[];
  training: DocumentVersionRow['training'];
  frontMatter: Record<string, unknown>;
  unknownFields: Record<string, unknown>;
  body: string;
  source: string;
  contentSha256: string;
  effectiveDate: string | null;
  reviewDueOn: string;
  quiz: DocumentVersionRow['quiz'];
  importedBy: string;
  now: Date;
}

/** SQL of the documents module: documents, versions, their events, sign-offs, mappings, links. */
export const documentRepository = {
  findByKeyForUpdate: (db: Db, key: string) =>
    db.selectFrom('documents').selectAll().where('key', '=', key).forUpdate().executeTakeFirst(),

  findByKey: (db: Db, key: string) =>
    db.selectFrom('documents').selectAll().where('key', '=', key).executeTakeFirst(),

  insertDocument: (
    db: Db,
    values: { key: string; title: string; owner: string; by: string; now: Date },
  ) =>
    db
      .insertInto('documents')
      .values({
        key: values.key,
        title: values.title,
        owner: values.owner,
        created_at: values.now,
        created_by: values.by,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),

  updateDocument: (db: Db, id: string, values: { title: string; owner: string; now: Date }) =>
    db
      .updateTable('documents')
      .set({ title: values.title, owner: values.owner, updated_at: values.now })
      .where('id', '=', id)
      .execute(),

  insertVersion: (db: Db, values: NewDocumentVersion) =>
    db
      .insertInto('document_versions')
      .values({
        id: values.id,
        attestation_signature_id: values.attestationSignatureId,
        approved_at: values.approvedAt,
        document_id: values.documentId,
        version: values.version,
        status: values.status,
        title: values.title,
        author: values.author,
        reviewers: JSON.stringify(values.reviewers),
        approvers: JSON.stringify(values.approvers),
        training: JSON.stringify(values.training),
        front_matter: JSON.stringify(values.frontMatter),
        unknown_fields: JSON.stringify(values.unknownFields),
        body: values.body,
        source: values.source,
        content_sha256: values.contentSha256,
        effective_date: values.effectiveDate,
        review_due_on: values.reviewDueOn,
        quiz: JSON.stringify(values.quiz),
        imported_at: values.now,
        imported_by: values.importedBy,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),

  latestVersion: (db: Db, documentId: string) =>
    db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst(),

  versions: (db: Db, documentId: string) =>
    db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .orderBy('version', 'desc')
      .execute(),

  version: (db: Db, documentId: string, version: number) =>
    db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('version', '=', version)
      .executeTakeFirst(),

  versionForUpdate: (db: Db, documentId: string, version: number) =>
    db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('version', '=', version)
      .forUpdate()
      .executeTakeFirst(),

  /** Versions still on their way (draft, in review, approved but not yet effective). */
  pendingVersions: (db: Db, documentId: string) =>
    db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('status', 'in', ['draft', 'in_review', 'approved'])
      .execute(),

  effectiveVersion: (db: Db, documentId: string) =>
    db
      .selectFrom('document_versions')
      .selectAll()
      .where('document_id', '=', documentId)
      .where('status', '=', 'effective')
      .executeTakeFirst(),

  /** Approved versions whose effective date has come (the scheduler applies them). */
  dueToBecomeEffective: (db: Db, today: string) =>
    db
      .selectFrom('document_versions')
      .innerJoin('documents', 'documents.id', 'document_versions.document_id')
      .select(['documents.key', 'document_versions.version'])
      .where('document_versions.status', '=', 'approved')
      .where('document_versions.effective_date', '<=', today)
      .orderBy('document_versions.effective_date')
      .execute(),

  updateVersion: (
    db: Db,
    id: string,
    values: Partial<
      Pick<
        DocumentVersionRow,
        | 'status'
        | 'approved_at'
        | 'effective_at'
        | 'superseded_at'
        | 'retired_at'
        | 'attestation_signature_id'
      >
    >,
  ) => db.updateTable('document_versions').set(values).where('id', '=', id).execute(),

  setQuiz: (db: Db, id: string, quiz: DocumentVersionRow['quiz']) =>
    db
      .updateTable('document_versions')
      .set({ quiz: JSON.stringify(quiz) })
      .where('id', '=', id)
      .execute(),

  addEvent: (
    db: Db,
    values: {
      documentId: string;
      versionId: string | null;
      kind: string;
      text: string;
      by: string;
      now: Date;
    },
  ) =>
    db
      .insertInto('document_events')
      .values({
        document_id: values.documentId,
        version_id: values.versionId,
        kind: values.kind,
        text: values.text,
        at: values.now,
        by: values.by,
      })
      .execute(),

  events: (db: Db, documentId: string) =>
    db
      .selectFrom('document_events')
      .leftJoin('document_versions', 'document_versions.id', 'document_events.version_id')
      .select([
        'document_events.id',
        'document_events.kind',
        'document_events.text',
        'document_events.at',
        'document_events.by',
        'document_versions.version',
      ])
      .where('document_events.document_id', '=', documentId)
      .orderBy('document_events.seq')
      .execute(),

  signoffs: (db: Db, versionIds: string[]) =>
    versionIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('document_signoffs')
          .selectAll()
          .where('version_id', 'in', versionIds)
          .orderBy('signed_at')
          .orderBy('id')
          .execute(),

  addSignoffs: async (
    db: Db,
    rows: {
      versionId: string;
      kind: string;
      name: string;
      signatureId: string;
      signerId: string;
      signerLabel: string;
      now: Date;
    }[],
  ): Promise<void> => {
    if (rows.length === 0) return;
    await db
      .insertInto('document_signoffs')
      .values(
        rows.map((row) => ({
          version_id: row.versionId,
          kind: row.kind,
          name: row.name,
          signature_id: row.signatureId,
          signer_id: row.signerId,
          signer_label: row.signerLabel,
          signed_at: row.now,
        })),
      )
      .execute();
  },

  /**
   * Which of the names each active person answers to: their e-mail, their role, a mapping made
   * in the settings, or their department in the people register (a group). One row per match.
   */
  resolveNames: async (
    db: Db,
    names: readonly string[],
  ): Promise<{ name: string; user_id: string }[]> => {
    if (names.length === 0) return [];
    const lowered = [...new Set(names.map((name) => name.toLowerCase()))];
    const { rows } = await sql<{ name: string; user_id: string }>`
      with wanted(name) as (select unnest(${sql.val(lowered)}::text[]))
      select wanted.name, users.id as user_id
      from wanted
      join users on users.disabled_at is null and (
        lower(users.email) = wanted.name
        or lower(users.role) = wanted.name
        or exists (
          select 1 from document_signer_mappings m
          where lower(m.name) = wanted.name and m.user_id = users.id
        )
        or exists (
          select 1 from people p
          where p.status = 'active' and lower(p.department) = wanted.name
            and lower(p.email) = lower(users.email)
        )
      )`.execute(db);
    return rows;
  },

  emailOf: async (db: Db, userId: string): Promise<string> =>
    (
      await db
        .selectFrom('users')
        .select('email')
        .where('id', '=', userId)
        .executeTakeFirstOrThrow()
    ).email,

  userIdByEmail: async (db: Db, email: string): Promise<string | null> =>
    (
      await db
        .selectFrom('users')
        .select('id')
        .where(sql<string>`lower(email)`, '=', email.toLowerCase())
        .executeTakeFirst()
    )?.id ?? null,

  usersByEmail: (db: Db, emails: readonly string[]) =>
    emails.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('users')
          .select(['id', 'email'])
          .where(
            sql<string>`lower(email)`,
            'in',
            emails.map((email) => email.toLowerCase()),
          )
          .where('disabled_at', 'is', null)
          .execute(),

  replaceMapping: async (
    db: Db,
    values: { name: string; userIds: string[]; by: string; now: Date },
  ): Promise<void> => {
    await db
      .deleteFrom('document_signer_mappings')
      .where(sql<string>`lower(name)`, '=', values.name.toLowerCase())
      .execute();
    if (values.userIds.length === 0) return;
    await db
      .insertInto('document_signer_mappings')
      .values(
        values.userIds.map((userId) => ({
          name: values.name,
          user_id: userId,
          mapped_by: values.by,
          mapped_at: values.now,
        })),
      )
      .execute();
  },

  mappings: (db: Db) =>
    db
      .selectFrom('document_signer_mappings')
      .innerJoin('users', 'users.id', 'document_signer_mappings.user_id')
      .select([
        'document_signer_mappings.name',
        'users.email',
        'document_signer_mappings.mapped_by',
        'document_signer_mappings.mapped_at',
      ])
      .orderBy('document_signer_mappings.name')
      .orderBy('users.email')
      .execute(),

  /** Documents with their latest version, by key, a page at a time. */
  page: (db: Db, options: { afterKey: string | undefined; limit: number; status?: string }) => {
    let query = db
      .selectFrom('documents')
      .innerJoinLateral(
        (eb) =>
          eb
            .selectFrom('document_versions')
            .selectAll()
            .whereRef('document_versions.document_id', '=', 'documents.id')
            .orderBy('version', 'desc')
            .limit(1)
            .as('latest'),
        (join) => join.onTrue(),
      )
      .leftJoin('document_versions as effective', (join) =>
        join
          .onRef('effective.document_id', '=', 'documents.id')
          .on('effective.status', '=', 'effective'),
      )
      .select([
        'documents.id',
        'documents.key',
        'documents.title',
        'documents.owner',
        'documents.updated_at',
        'latest.version',
        'latest.status',
        'latest.content_sha256',
        'latest.training',
        'latest.quiz',
        'latest.review_due_on',
        'effective.version as effective_version',
      ])
      .orderBy('documents.key')
      .limit(options.limit + 1);
    if (options.afterKey !== undefined) query = query.where('documents.key', '>', options.afterKey);
    if (options.status !== undefined) query = query.where('latest.status', '=', options.status);
    return query.execute();
  },

  catalogueEntryExists: async (db: Db, kind: string, key: string): Promise<boolean> =>
    (await db
      .selectFrom(kind === 'control' ? 'controls' : 'requirements')
      .select('key')
      .where('key', '=', key)
      .executeTakeFirst()) !== undefined,

  addLink: (
    db: Db,
    values: { documentId: string; kind: string; key: string; by: string; now: Date },
  ) =>
    db
      .insertInto('document_links')
      .values({
        document_id: values.documentId,
        target_kind: values.kind,
        target_key: values.key,
        linked_by: values.by,
        linked_at: values.now,
      })
      .onConflict((oc) => oc.columns(['document_id', 'target_kind', 'target_key']).doNothing())
      .returning('target_key')
      .executeTakeFirst(),

  links: (db: Db, documentId: string) =>
    db
      .selectFrom('document_links')
      .select(['target_kind', 'target_key', 'linked_by', 'linked_at'])
      .where('document_id', '=', documentId)
      .orderBy('target_kind')
      .orderBy('target_key')
      .execute(),
  /**
   * The versions in effect at an instant (effective by then, neither superseded nor retired by
   * then), one per document, in document id order after `afterKey`.
   */
  versionsInEffectAt: (db: Db, at: Date, afterKey: string | null, limit: number) =>
    db
      .selectFrom('document_versions')
      .innerJoin('documents', 'documents.id', 'document_versions.document_id')
      .select([
        'documents.key',
        'document_versions.id',
        'document_versions.version',
        'document_versions.title',
        'document_versions.author',
        'document_versions.reviewers',
        'document_versions.approvers',
        'document_versions.content_sha256',
        'document_versions.approved_at',
        'document_versions.effective_at',
        // The review date as it stood at `at`: a "no change" review moves it (review-document.ts),
        // keeping the date it answered, so an earlier instant still reads the earlier date.
        sql<string>`coalesce(
          (select r.next_review_due_on from document_periodic_reviews r
            where r.version_id = document_versions.id and r.reviewed_at <= ${at}
            order by r.reviewed_at desc limit 1),
          (select r.review_due_on from document_periodic_reviews r
            where r.version_id = document_versions.id and r.reviewed_at > ${at}
            order by r.reviewed_at asc limit 1),
          document_versions.review_due_on)`.as('review_due_on'),
      ])
      .where('document_versions.effective_at', '<=', at)
      .where((eb) =>
        eb.or([
          eb('document_versions.superseded_at', 'is', null),
          eb('document_versions.superseded_at', '>', at),
        ]),
      )
      .where((eb) =>
        eb.or([
          eb('document_versions.retired_at', 'is', null),
          eb('document_versions.retired_at', '>', at),
        ]),
      )
      .$if(afterKey !== null, (query) => query.where('documents.key', '>', afterKey!))
      .orderBy('documents.key')
      .limit(limit)
      .execute(),

  sourceOf: async (db: Db, versionId: string): Promise<string> =>
    (
      await db
        .selectFrom('document_versions')
        .select('source')
        .where('id', '=', versionId)
        .executeTakeFirstOrThrow()
    ).source,

  /** The e-signatures on versions (attested approval, reviews, approvals) made by an instant. */
  signaturesOfVersions: (db: Db, versionIds: readonly string[], by: Date) =>
    versionIds.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('signatures')
          .select([
            'id',
            'entity_id',
            'meaning',
            'signer_label',
            'signer_role',
            'method',
            'reason',
            'record_sha256',
            'signed_at',
          ])
          .where('entity_type', '=', 'document_version')
          .where('entity_id', 'in', [...versionIds])
          .where('signed_at', '<=', by)
          .orderBy('signed_at')
          .orderBy('id')
          .execute(),
};
