import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, PeopleTable } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** People per statement when an import reads or writes many (12 to 14 parameters a person). */
const BATCH = 1000;

export type PersonRow = Selectable<PeopleTable>;

export interface PersonValues {
  user_name: string;
  email: string;
  name: string;
  department: string;
  job_title: string;
  manager_email: string | null;
  status: string;
  start_date: string | null;
  end_date: string | null;
  left_at: Date | null;
  external_id: string | null;
  scim_deleted_at: Date | null;
}

/** SQL for the people register, and nothing else. */
export const peopleRepository = {
  async findByUserName(db: Db, userName: string): Promise<PersonRow | undefined> {
    return db
      .selectFrom('people')
      .selectAll()
      .where('user_name', '=', userName.toLowerCase())
      .executeTakeFirst();
  },

  /** The people with these user names (lower-cased), read 1,000 names a statement. */
  async findByUserNames(db: Db, userNames: readonly string[]): Promise<PersonRow[]> {
    const distinct = [...new Set(userNames.map((userName) => userName.toLowerCase()))];
    const rows: PersonRow[] = [];
    for (let index = 0; index < distinct.length; index += BATCH) {
      rows.push(
        ...(await db
          .selectFrom('people')
          .selectAll()
          .where('user_name', 'in', distinct.slice(index, index + BATCH))
          .execute()),
      );
    }
    return rows;
  },

  async findById(db: Db, id: string): Promise<PersonRow | undefined> {
    return db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
  },

  async findForUpdate(db: Db, id: string): Promise<PersonRow | undefined> {
    return db.selectFrom('people').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
  },

  /** People still active whose end date is on or before the given local date. */
  async activeEndingBy(db: Db, date: string): Promise<PersonRow[]> {
    return db
      .selectFrom('people')
      .selectAll()
      .where('status', '=', 'active')
      .where('end_date', 'is not', null)
      .where('end_date', '<=', date)
      .execute();
  },

  async findByEmails(db: Db, emails: readonly string[]): Promise<PersonRow[]> {
    if (emails.length === 0) return [];
    return db.selectFrom('people').selectAll().where('email', 'in', emails).execute();
  },

  /** Inserts people, 1,000 a statement; answers the stored rows (in no particular order). */
  async insertMany(
    db: Db,
    people: readonly { values: PersonValues; source: string }[],
    now: Date,
  ): Promise<PersonRow[]> {
    const rows: PersonRow[] = [];
    for (let index = 0; index < people.length; index += BATCH) {
      rows.push(
        ...(await db
          .insertInto('people')
          .values(
            people.slice(index, index + BATCH).map(({ values, source }) => ({
              ...values,
              source,
              created_at: now,
              updated_at: now,
            })),
          )
          .returningAll()
          .execute()),
      );
    }
    return rows;
  },

  /**
   * Writes new values over people already stored, 1,000 a statement (`UPDATE … FROM (VALUES …)`,
   * every value cast to its column's type); answers the stored rows (in no particular order).
   */
  async updateMany(
    db: Db,
    people: readonly { id: string; values: PersonValues }[],
    now: Date,
  ): Promise<PersonRow[]> {
    const rows: PersonRow[] = [];
    for (let index = 0; index < people.length; index += BATCH) {
      const values = people.slice(index, index + BATCH).map(
        ({ id, values: v }) =>
          sql`(${id}::uuid, ${v.user_name}::text, ${v.email}::text, ${v.name}::text,
            ${v.department}::text, ${v.job_title}::text, ${v.manager_email}::text,
            ${v.status}::text, ${v.start_date}::date, ${v.end_date}::date,
            ${v.left_at}::timestamptz, ${v.external_id}::text, ${v.scim_deleted_at}::timestamptz)`,
      );
      const result = await sql<PersonRow>`update people set
          user_name = v.user_name, email = v.email, name = v.name, department = v.department,
          job_title = v.job_title, manager_email = v.manager_email, status = v.status,
          start_date = v.start_date, end_date = v.end_date, left_at = v.left_at,
          external_id = v.external_id, scim_deleted_at = v.scim_deleted_at,
          updated_at = ${now}::timestamptz
        from (values ${sql.join(values)}) as v(id, user_name, email, name, department, job_title,
          manager_email, status, start_date, end_date, left_at, external_id, scim_deleted_at)
        where people.id = v.id
        returning people.*`.execute(db);
      rows.push(...result.rows);
    }
    return rows;
  },

  async setSource(db: Db, id: string, source: string): Promise<void> {
    await db.updateTable('people').set({ source }).where('id', '=', id).execute();
  },

  /** A page in user-name order (the key is unique), optionally filtered. */
  async page(
    db: Db,
    query: {
      after: string | null;
      limit: number;
      status?: string | undefined;
      userName?: string | undefined;
    },
  ): Promise<PersonRow[]> {
    let select = db.selectFrom('people').selectAll();
    if (query.status) select = select.where('status', '=', query.status);
    if (query.userName !== undefined)
      select = select.where('user_name', '=', query.userName.toLowerCase());
    if (query.after !== null) select = select.where('user_name', '>', query.after);
    return select
      .orderBy('user_name')
      .limit(query.limit + 1)
      .execute();
  },

  /** People the identity provider sees (not deleted over SCIM), by index as SCIM pages. */
  async scimPage(
    db: Db,
    query: {
      filter: { attribute: 'userName' | 'externalId'; value: string } | null;
      offset: number;
      limit: number;
    },
  ): Promise<{ rows: PersonRow[]; total: number }> {
    let select = db.selectFrom('people').where('scim_deleted_at', 'is', null);
    if (query.filter?.attribute === 'userName')
      select = select.where('user_name', '=', query.filter.value.toLowerCase());
    if (query.filter?.attribute === 'externalId')
      select = select.where('external_id', '=', query.filter.value);
    const total = await select
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const rows = await select
      .selectAll()
      .orderBy('user_name')
      .offset(query.offset)
      .limit(query.limit)
      .execute();
    return { rows, total: Number(total.n) };
  },

  async count(db: Db, query: { userName?: string | undefined }): Promise<number> {
    let select = db.selectFrom('people').select((eb) => eb.fn.countAll<string>().as('n'));
    if (query.userName !== undefined)
      select = select.where('user_name', '=', query.userName.toLowerCase());
    const row = await select.executeTakeFirstOrThrow();
    return Number(row.n);
  },
};
