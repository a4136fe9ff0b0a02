import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export interface StoredAccountValues {
  username: string;
  email: string | null;
  personId: string | null;
  roles: string[];
  privileged: boolean;
  mfaEnabled: boolean | null;
  disabled: boolean;
  lastLoginAt: Date | null;
}

/** What a snapshot writes over an account already known. */
export interface StoredAccountUpdate extends StoredAccountValues {
  id: string;
  lastSeenAt: Date;
  disabledSince: Date | null;
  rolesChangedAt: Date | null;
}

/** Rows per statement when a snapshot writes accounts (11 to 14 parameters a row). */
const WRITE_BATCH = 1000;

/** SQL for accounts, their snapshots and their revocation clocks, and nothing else. */
export const accountsRepository = {
  /**
   * The people holding these e-mails (read-only: the register is the people module's; accounts
   * only link to it, and the people module depends on this one, not the other way round).
   */
  async peopleByEmails(db: Db, emails: readonly string[]) {
    const distinct = [...new Set(emails)];
    const rows = [];
    for (let index = 0; index < distinct.length; index += WRITE_BATCH * 10) {
      rows.push(
        ...(await db
          .selectFrom('people')
          .select(['id', 'email', 'name', 'status', 'left_at'])
          .where('email', 'in', distinct.slice(index, index + WRITE_BATCH * 10))
          .execute()),
      );
    }
    return rows;
  },

  async latestSnapshot(db: Db, assetId: string) {
    return db
      .selectFrom('account_snapshots')
      .selectAll()
      .where('asset_id', '=', assetId)
      .orderBy('taken_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  },

  async insertSnapshot(
    db: Db,
    values: { assetId: string; format: string; takenAt: Date; count: number; by: string; at: Date },
  ): Promise<string> {
    const row = await db
      .insertInto('account_snapshots')
      .values({
        asset_id: values.assetId,
        format: values.format,
        taken_at: values.takenAt,
        account_count: values.count,
        recorded_by: values.by,
        recorded_at: values.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  async accountsOfAsset(db: Db, assetId: string) {
    return db.selectFrom('accounts').selectAll().where('asset_id', '=', assetId).execute();
  },

  /** Inserts accounts first seen in a snapshot, 1,000 rows a statement. */
  async insertAccounts(
    db: Db,
    assetId: string,
    accounts: readonly StoredAccountValues[],
    seenAt: Date,
  ): Promise<void> {
    for (let index = 0; index < accounts.length; index += WRITE_BATCH) {
      await db
        .insertInto('accounts')
        .values(
          accounts.slice(index, index + WRITE_BATCH).map((values) => ({
            asset_id: assetId,
            username: values.username,
            email: values.email,
            person_id: values.personId,
            roles: JSON.stringify(values.roles),
            privileged: values.privileged,
            mfa_enabled: values.mfaEnabled,
            disabled: values.disabled,
            last_login_at: values.lastLoginAt,
            first_seen_at: seenAt,
            last_seen_at: seenAt,
            disabled_since: values.disabled ? seenAt : null,
            removed_at: null,
            roles_changed_at: null,
          })),
        )
        .execute();
    }
  },

  /**
   * Writes what a snapshot shows of accounts already known, 1,000 rows a statement
   * (`UPDATE … FROM (VALUES …)`), every value cast to its column's type.
   */
  async updateAccounts(db: Db, accounts: readonly StoredAccountUpdate[]): Promise<void> {
    for (let index = 0; index < accounts.length; index += WRITE_BATCH) {
      const rows = accounts.slice(index, index + WRITE_BATCH).map(
        (values) =>
          sql`(${values.id}::uuid, ${values.email}::text, ${values.personId}::uuid,
              ${JSON.stringify(values.roles)}::jsonb, ${values.privileged}::boolean,
              ${values.mfaEnabled}::boolean, ${values.disabled}::boolean,
              ${values.lastLoginAt}::timestamptz, ${values.lastSeenAt}::timestamptz,
              ${values.disabledSince}::timestamptz, ${values.rolesChangedAt}::timestamptz)`,
      );
      await sql`update accounts set
          email = v.email, person_id = v.person_id, roles = v.roles, privileged = v.privileged,
          mfa_enabled = v.mfa_enabled, disabled = v.disabled, last_login_at = v.last_login_at,
          last_seen_at = v.last_seen_at, disabled_since = v.disabled_since, removed_at = null,
          roles_changed_at = v.roles_changed_at
        from (values ${sql.join(rows)}) as v(id, email, person_id, roles, privileged, mfa_enabled,
          disabled, last_login_at, last_seen_at, disabled_since, roles_changed_at)
        where accounts.id = v.id`.execute(db);
    }
  },

  /**
   * Every account of the system still present is seen at `at`: one statement for the unchanged
   * ones (the others were written with it already).
   */
  async markSeen(db: Db, assetId: string, at: Date): Promise<void> {
    await db
      .updateTable('accounts')
      .set({ last_seen_at: at })
      .where('asset_id', '=', assetId)
      .where('removed_at', 'is', null)
      .where('last_seen_at', '<', at)
      .execute();
  },

  async markRemoved(db: Db, ids: string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await db.updateTable('accounts').set({ removed_at: at }).where('id', 'in', ids).execute();
  },

  /**
   * Starts a clock on every account still present (not removed) of each changed person, in one
   * `INSERT … SELECT`; a clock already started for the same person, account, reason and instant is
   * left as it is. Answers the clocks started, with their account and system, in system and
   * username order.
   */
  async insertClocksOfPeople(
    db: Db,
    changes: readonly { personId: string; reason: string; startedAt: Date; dueAt: Date }[],
    now: Date,
  ) {
    if (changes.length === 0) return [];
    const rows = changes.map(
      (change) =>
        sql`(${change.personId}::uuid, ${change.reason}::text, ${change.startedAt}::timestamptz,
            ${change.dueAt}::timestamptz)`,
    );
    const result = await sql<{
      id: string;
      person_id: string;
      account_id: string;
      reason: string;
      started_at: Date;
      due_at: Date;
      username: string;
      disabled: boolean;
      disabled_since: Date | null;
      asset_key: string;
    }>`with change (person_id, reason, started_at, due_at) as (values ${sql.join(rows)}),
      inserted as (
        insert into revocation_clocks (person_id, account_id, reason, started_at, due_at, created_at)
        select change.person_id, accounts.id, change.reason, change.started_at, change.due_at,
          ${now}::timestamptz
        from change join accounts on accounts.person_id = change.person_id
        where accounts.removed_at is null
        on conflict on constraint revocation_clocks_key do nothing
        returning id, person_id, account_id, reason, started_at, due_at
      )
      select inserted.*, accounts.username, accounts.disabled, accounts.disabled_since,
        assets.key as asset_key
      from inserted
        join accounts on accounts.id = inserted.account_id
        join assets on assets.id = accounts.asset_id
      order by assets.key, accounts.username, inserted.reason`.execute(db);
    return result.rows;
  },

  /** Records the occurrence each clock's trigger event opened, 1,000 clocks a statement. */
  async setClockOccurrences(
    db: Db,
    clocks: readonly { clockId: string; occurrenceId: string }[],
  ): Promise<void> {
    for (let index = 0; index < clocks.length; index += WRITE_BATCH) {
      const rows = clocks
        .slice(index, index + WRITE_BATCH)
        .map((clock) => sql`(${clock.clockId}::uuid, ${clock.occurrenceId}::uuid)`);
      await sql`update revocation_clocks set occurrence_id = v.occurrence_id
        from (values ${sql.join(rows)}) as v(id, occurrence_id)
        where revocation_clocks.id = v.id`.execute(db);
    }
  },

  /** Stops clocks still open, 1,000 a statement; one already stopped keeps its stop. */
  async stopClocks(
    db: Db,
    clocks: readonly {
      clockId: string;
      stoppedAt: Date;
      snapshotId: string | null;
      outcome: string;
    }[],
  ): Promise<void> {
    for (let index = 0; index < clocks.length; index += WRITE_BATCH) {
      const rows = clocks.slice(index, index + WRITE_BATCH).map(
        (clock) =>
          sql`(${clock.clockId}::uuid, ${clock.stoppedAt}::timestamptz,
              ${clock.snapshotId}::uuid, ${clock.outcome}::text)`,
      );
      await sql`update revocation_clocks set stopped_at = v.stopped_at,
          stopped_by_snapshot_id = v.snapshot_id, outcome = v.outcome
        from (values ${sql.join(rows)}) as v(id, stopped_at, snapshot_id, outcome)
        where revocation_clocks.id = v.id and revocation_clocks.stopped_at is null`.execute(db);
    }
  },

  /** Open clocks of the accounts of one system, with what the system shows of each account. */
  async openClocksOfAsset(db: Db, assetId: string) {
    return db
      .selectFrom('revocation_clocks')
      .innerJoin('accounts', 'accounts.id', 'revocation_clocks.account_id')
      .select([
        'revocation_clocks.id',
        'revocation_clocks.reason',
        'revocation_clocks.started_at',
        'revocation_clocks.due_at',
        'revocation_clocks.occurrence_id',
        'accounts.username',
        'accounts.disabled',
        'accounts.removed_at',
        'accounts.roles_changed_at',
      ])
      .where('accounts.asset_id', '=', assetId)
      .where('revocation_clocks.stopped_at', 'is', null)
      .orderBy('accounts.username')
      .execute();
  },

  async clocksOfPerson(db: Db, personId: string) {
    return db
      .selectFrom('revocation_clocks')
      .innerJoin('accounts', 'accounts.id', 'revocation_clocks.account_id')
      .innerJoin('assets', 'assets.id', 'accounts.asset_id')
      .select([
        'revocation_clocks.id',
        'revocation_clocks.reason',
        'revocation_clocks.started_at',
        'revocation_clocks.due_at',
        'revocation_clocks.stopped_at',
        'revocation_clocks.outcome',
        'revocation_clocks.occurrence_id',
        'accounts.username',
        'assets.key as asset_key',
      ])
      .where('revocation_clocks.person_id', '=', personId)
      .orderBy('revocation_clocks.started_at')
      .orderBy('assets.key')
      .orderBy('accounts.username')
      .execute();
  },

  /**
   * A page of one system's accounts in username order, with what the list flags: the holder has
   * left, and whether an approved request covers the account (same person and system).
   */
  async pageOfAsset(
    db: Db,
    query: { assetId: string; after: string | null; limit: number; includeRemoved: boolean },
  ) {
    let select = db
      .selectFrom('accounts')
      .leftJoin('people', 'people.id', 'accounts.person_id')
      .selectAll('accounts')
      .select([
        'people.email as person_email',
        'people.status as person_status',
        sql<boolean>`exists (
          select 1 from access_requests r
          where r.person_id = accounts.person_id and r.asset_id = accounts.asset_id
            and r.status in ('approved', 'granted')
        )`.as('requested'),
      ])
      .where('accounts.asset_id', '=', query.assetId);
    if (!query.includeRemoved) select = select.where('accounts.removed_at', 'is', null);
    if (query.after !== null) select = select.where('accounts.username', '>', query.after);
    return select
      .orderBy('accounts.username')
      .limit(query.limit + 1)
      .execute();
  },
};
