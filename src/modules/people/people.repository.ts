import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, PeopleTable } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
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

  async insert(db: Db, values: PersonValues, source: string, now: Date): Promise<PersonRow> {
    return db
      .insertInto('people')
      .values({ ...values, source, created_at: now, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  async update(db: Db, id: string, values: PersonValues, now: Date): Promise<PersonRow> {
    return db
      .updateTable('people')
      .set({ ...values, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
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
