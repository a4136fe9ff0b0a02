import type { Kysely, Transaction } from 'kysely';
import type { Database, UserRow } from '../../platform/db/schema.js';
import type { UserRole } from '../../platform/auth/roles.js';
import type { UserView } from './user.schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export function toUserView(row: UserRow): UserView {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as UserRole,
    mfaEnabled: row.mfa_enabled,
    disabled: row.disabled_at !== null,
    createdAt: row.created_at.toISOString(),
  };
}

/** What the audit trail records of a user: never the password hash or MFA secrets. */
export function userAuditView(row: UserRow): Record<string, unknown> {
  const { id, email, name, role, mfaEnabled, disabled } = toUserView(row);
  return { id, email, name, role, mfaEnabled, disabled };
}

export const userRepository = {
  findByEmail: (db: Db, email: string) =>
    db.selectFrom('users').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst(),
  findById: (db: Db, id: string) =>
    db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst(),
  /** Reads and locks the row until the transaction ends: for check-then-update of one user. */
  findByIdForUpdate: (db: Transaction<Database>, id: string) =>
    db.selectFrom('users').selectAll().where('id', '=', id).forUpdate().executeTakeFirst(),
  /** The enabled accounts of one role, by e-mail address. */
  activeByRole: (db: Db, role: string) =>
    db
      .selectFrom('users')
      .selectAll()
      .where('role', '=', role)
      .where('disabled_at', 'is', null)
      .orderBy('email')
      .execute(),
  /** Enabled accounts by name then id, after the cursor's row (the colleagues directory). */
  activePage: (db: Db, query: { after?: [string, string] | undefined; limit: number }) => {
    let select = db.selectFrom('users').selectAll().where('disabled_at', 'is', null);
    const after = query.after;
    if (after !== undefined)
      select = select.where((eb) =>
        eb(eb.refTuple('name', 'id'), '>', eb.tuple(after[0], after[1])),
      );
    return select.orderBy('name').orderBy('id').limit(query.limit).execute();
  },
  /** Every enabled account (mentions are resolved against them). */
  allActive: (db: Db) =>
    db.selectFrom('users').selectAll().where('disabled_at', 'is', null).orderBy('email').execute(),
  /** By e-mail address (unique), after the cursor's row. */
  page: (db: Db, query: { after?: string | undefined; limit: number }) => {
    let select = db.selectFrom('users').selectAll();
    if (query.after !== undefined) select = select.where('email', '>', query.after);
    return select.orderBy('email').limit(query.limit).execute();
  },
  count: async (db: Db) => {
    const row = await db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  },
  insert: (
    db: Db,
    values: { email: string; name: string; role: UserRole; passwordHash: string; now: Date },
  ) =>
    db
      .insertInto('users')
      .values({
        email: values.email,
        name: values.name,
        role: values.role,
        password_hash: values.passwordHash,
        created_at: values.now,
        updated_at: values.now,
      })
      .returningAll()
      .executeTakeFirstOrThrow(),
  update: (
    db: Db,
    id: string,
    changes: Partial<{
      name: string;
      role: UserRole;
      disabled_at: Date | null;
      password_hash: string;
      mfa_secret: string | null;
      mfa_pending_secret: string | null;
      mfa_enabled: boolean;
      mfa_last_step: string | null;
      recovery_code_hashes: string;
    }>,
    now: Date,
  ) =>
    db
      .updateTable('users')
      .set({ ...changes, updated_at: now })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow(),
};
