import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** An assignment with its document version and person: what every view of the register shows. */
const assignmentsWithVersion = (db: Db) =>
  db
    .selectFrom('training_assignments')
    .innerJoin('document_versions', 'document_versions.id', 'training_assignments.version_id')
    .innerJoin('documents', 'documents.id', 'training_assignments.document_id')
    .innerJoin('users', 'users.id', 'training_assignments.user_id')
    .select([
      'training_assignments.id',
      'training_assignments.user_id',
      'training_assignments.assigned_at',
      'training_assignments.due_at',
      'training_assignments.completed_at',
      'training_assignments.signature_id',
      'training_assignments.score',
      'documents.key',
      'document_versions.version',
      'document_versions.title',
      'document_versions.status as version_status',
      'document_versions.training',
      'document_versions.quiz',
      'document_versions.content_sha256',
      'users.email',
      'users.name',
      'users.role',
    ]);

/** SQL of the training module: assignments on effective document versions and quiz attempts. */
export const trainingRepository = {
  /**
   * Assigns the version's training to every active person in the departments, in one
   * INSERT … SELECT: a person belongs to a department when their role has its name, or when the
   * people register lists them (same e-mail, active) in it. Already assigned people are skipped.
   */
  assignToDepartments: async (
    db: Db,
    values: {
      documentId: string;
      versionId: string;
      departments: readonly string[];
      assignedAt: Date;
      dueAt: Date;
    },
  ): Promise<number> => {
    const departments = [...new Set(values.departments.map((name) => name.toLowerCase()))];
    const result = await sql`
      insert into training_assignments (user_id, document_id, version_id, assigned_at, due_at)
      select users.id, ${values.documentId}::uuid, ${values.versionId}::uuid,
             ${values.assignedAt}::timestamptz, ${values.dueAt}::timestamptz
      from users
      where users.disabled_at is null
        and users.id in (
          select id from users where lower(role) = any(${sql.val(departments)}::text[])
          union
          select users.id from users
          join people on lower(people.email) = lower(users.email)
          where people.status = 'active'
            and lower(people.department) = any(${sql.val(departments)}::text[])
        )
      on conflict (version_id, user_id) do nothing`.execute(db);
    return Number(result.numAffectedRows ?? 0);
  },

  get: (db: Db, id: string) =>
    assignmentsWithVersion(db).where('training_assignments.id', '=', id).executeTakeFirst(),

  lockForUpdate: (db: Db, id: string) =>
    db
      .selectFrom('training_assignments')
      .select(['id', 'completed_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  complete: (db: Db, id: string, values: { at: Date; signatureId: string; score: number | null }) =>
    db
      .updateTable('training_assignments')
      .set({ completed_at: values.at, signature_id: values.signatureId, score: values.score })
      .where('id', '=', id)
      .execute(),

  addAttempt: (
    db: Db,
    values: { assignmentId: string; answers: number[]; score: number; passed: boolean; at: Date },
  ) =>
    db
      .insertInto('quiz_attempts')
      .values({
        assignment_id: values.assignmentId,
        answers: JSON.stringify(values.answers),
        score: values.score,
        passed: values.passed,
        attempted_at: values.at,
      })
      .execute(),

  attempts: (db: Db, assignmentId: string) =>
    db
      .selectFrom('quiz_attempts')
      .select(['score', 'passed', 'attempted_at'])
      .where('assignment_id', '=', assignmentId)
      .orderBy('attempted_at')
      .execute(),

  /** The register, newest assignment first, a page at a time; filters in the query. */
  page: (
    db: Db,
    options: {
      after: { assignedAt: Date; id: string } | undefined;
      limit: number;
      userId?: string | undefined;
      overdueAt?: Date | undefined;
      documentKey?: string | undefined;
    },
  ) => {
    let query = assignmentsWithVersion(db)
      .orderBy('training_assignments.assigned_at', 'desc')
      .orderBy('training_assignments.id', 'desc')
      .limit(options.limit + 1);
    if (options.after) {
      const after = options.after;
      query = query.where((eb) =>
        eb(
          eb.refTuple('training_assignments.assigned_at', 'training_assignments.id'),
          '<',
          eb.tuple(after.assignedAt, after.id),
        ),
      );
    }
    if (options.userId) query = query.where('training_assignments.user_id', '=', options.userId);
    if (options.documentKey) query = query.where('documents.key', '=', options.documentKey);
    if (options.overdueAt) {
      query = query
        .where('training_assignments.completed_at', 'is', null)
        .where('training_assignments.due_at', '<', options.overdueAt)
        .where('document_versions.status', '=', 'effective');
    }
    return query.execute();
  },

  /**
   * Open training on effective versions due before `dueBefore` whose overdue notice (or
   * escalation) has not been queued yet, oldest due first.
   */
  overdueToAlert: (db: Db, kind: 'overdue' | 'escalation', dueBefore: Date, limit: number) =>
    assignmentsWithVersion(db)
      .where('training_assignments.completed_at', 'is', null)
      .where(
        kind === 'overdue'
          ? 'training_assignments.overdue_notified_at'
          : 'training_assignments.escalated_at',
        'is',
        null,
      )
      .where('training_assignments.due_at', '<', dueBefore)
      .where('document_versions.status', '=', 'effective')
      .where('users.disabled_at', 'is', null)
      .orderBy('training_assignments.due_at')
      .limit(limit)
      .execute(),

  markAlerted: async (
    db: Db,
    kind: 'overdue' | 'escalation',
    ids: string[],
    at: Date,
  ): Promise<void> => {
    if (ids.length === 0) return;
    await db
      .updateTable('training_assignments')
      .set(kind === 'overdue' ? { overdue_notified_at: at } : { escalated_at: at })
      .where('id', 'in', ids)
      .execute();
  },

  /** The people a name such as `engineering-lead` is mapped to in the document settings. */
  leadsOf: (db: Db, names: readonly string[]) =>
    names.length === 0
      ? Promise.resolve([])
      : db
          .selectFrom('document_signer_mappings')
          .innerJoin('users', 'users.id', 'document_signer_mappings.user_id')
          .select(['document_signer_mappings.name', 'users.email', 'users.name as person'])
          .where('document_signer_mappings.name', 'in', [...names])
          .where('users.disabled_at', 'is', null)
          .execute(),
  /**
   * The training register of a pack: assignments made by `until`, in assignment order after
   * `after` (assigned time, id).
   */
  assignedBy: (
    db: Db,
    until: Date,
    after: { assignedAt: Date; id: string } | null,
    limit: number,
  ) =>
    assignmentsWithVersion(db)
      .where('training_assignments.assigned_at', '<=', until)
      .$if(after !== null, (query) =>
        query.where((eb) =>
          eb.or([
            eb('training_assignments.assigned_at', '>', after!.assignedAt),
            eb.and([
              eb('training_assignments.assigned_at', '=', after!.assignedAt),
              eb('training_assignments.id', '>', after!.id),
            ]),
          ]),
        ),
      )
      .orderBy('training_assignments.assigned_at')
      .orderBy('training_assignments.id')
      .limit(limit)
      .execute(),

  /**
   * Who lacks current training at `at` on the versions in effect then (ISO 13485 6.2): open
   * assignments past due (`overdue`), and people of a required department with no assignment of
   * that version (`missing`: they joined the department after it took effect). Department
   * membership is as it stands now (role name, or the people register); the rest is read as of
   * `at`. At most `limit` gaps, oldest due first, and the total.
   */
  gapsAt: async (
    db: Db,
    at: Date,
    limit: number,
  ): Promise<{
    total: number;
    rows: {
      state: 'overdue' | 'missing';
      email: string;
      name: string;
      role: string;
      key: string;
      version: number;
      title: string;
      due_at: Date | null;
    }[];
  }> => {
    const gaps = sql`
      with in_effect as (
        select v.id, v.version, v.title, d.key,
               array(select lower(x) from jsonb_array_elements_text(v.training->'requiredDepartments') as x)
                 as departments
        from document_versions v
        join documents d on d.id = v.document_id
        where v.training is not null and jsonb_typeof(v.training) = 'object'
          and v.effective_at is not null and v.effective_at <= ${at}::timestamptz
          and (v.superseded_at is null or v.superseded_at > ${at}::timestamptz)
          and (v.retired_at is null or v.retired_at > ${at}::timestamptz)
      ),
      active_users as (
        select u.id, u.email, u.name, u.role from users u
        where u.created_at <= ${at}::timestamptz
          and (u.disabled_at is null or u.disabled_at > ${at}::timestamptz)
      ),
      gaps as (
        select 'overdue' as state, u.email, u.name, u.role, e.key, e.version, e.title, a.due_at
        from training_assignments a
        join in_effect e on e.id = a.version_id
        join active_users u on u.id = a.user_id
        where a.assigned_at <= ${at}::timestamptz
          and (a.completed_at is null or a.completed_at > ${at}::timestamptz)
          and a.due_at < ${at}::timestamptz
        union all
        select 'missing' as state, u.email, u.name, u.role, e.key, e.version, e.title,
               null::timestamptz as due_at
        from in_effect e
        join active_users u on (
          lower(u.role) = any(e.departments)
          or exists (
            select 1 from people p
            where lower(p.email) = lower(u.email) and p.status = 'active'
              and lower(p.department) = any(e.departments)
          )
        )
        where not exists (
          select 1 from training_assignments a
          where a.version_id = e.id and a.user_id = u.id and a.assigned_at <= ${at}::timestamptz
        )
      )`;
    const [rows, count] = await Promise.all([
      sql<{
        state: 'overdue' | 'missing';
        email: string;
        name: string;
        role: string;
        key: string;
        version: number;
        title: string;
        due_at: Date | null;
      }>`${gaps}
      select * from gaps order by due_at asc nulls last, key, email limit ${limit}`.execute(db),
      sql<{ total: string | number }>`${gaps} select count(*) as total from gaps`.execute(db),
    ]);
    return { total: Number(count.rows[0]?.total ?? 0), rows: rows.rows };
  },
};
