import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, InstanceKeyTable } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type InstanceKeyRow = Selectable<InstanceKeyTable>;

/**
 * A value sealed with the instance key (SecretBox) in some table: the registry of every encrypted
 * column, which key rotation re-encrypts and the first start after an upgrade probes. A new
 * encrypted column is added here, or rotation leaves it under the old key.
 */
export interface SealedValue {
  table: 'users' | 'pack_signing_keys';
  column: 'mfa_secret' | 'mfa_pending_secret' | 'private_key_sealed';
  id: string;
  sealed: string;
}

/** The instance key's check value, and every value and file reference encrypted under the key. */
export const keysRepository = {
  find(db: Db): Promise<InstanceKeyRow | undefined> {
    return db.selectFrom('instance_key').selectAll().executeTakeFirst();
  },

  /** Records the check value unless another instance recorded one first; returns the row kept. */
  async recordIfNone(db: Db, checkValue: string, now: Date): Promise<InstanceKeyRow> {
    await db
      .insertInto('instance_key')
      .values({ id: 1, check_value: checkValue, recorded_at: now })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
    return db.selectFrom('instance_key').selectAll().executeTakeFirstOrThrow();
  },

  startRotation(db: Db, toCheckValue: string, now: Date) {
    return db
      .updateTable('instance_key')
      .set({ rotating_to_check_value: toCheckValue, rotation_started_at: now })
      .where('rotating_to_check_value', 'is', null)
      .executeTakeFirst();
  },

  finishRotation(db: Db, checkValue: string, now: Date) {
    return db
      .updateTable('instance_key')
      .set({
        check_value: checkValue,
        recorded_at: now,
        rotating_to_check_value: null,
        rotation_started_at: null,
      })
      .where('rotating_to_check_value', '=', checkValue)
      .executeTakeFirst();
  },

  /** Every sealed value, table by table, in id order. */
  async sealedValues(db: Db): Promise<SealedValue[]> {
    const users = await db
      .selectFrom('users')
      .select(['id', 'mfa_secret', 'mfa_pending_secret'])
      .where((eb) =>
        eb.or([eb('mfa_secret', 'is not', null), eb('mfa_pending_secret', 'is not', null)]),
      )
      .orderBy('id')
      .execute();
    const signingKeys = await db
      .selectFrom('pack_signing_keys')
      .select(['id', 'private_key_sealed'])
      .orderBy('id')
      .execute();
    return [
      ...users.flatMap((user) => [
        ...(user.mfa_secret === null
          ? []
          : [
              {
                table: 'users',
                column: 'mfa_secret',
                id: user.id,
                sealed: user.mfa_secret,
              } as const,
            ]),
        ...(user.mfa_pending_secret === null
          ? []
          : [
              {
                table: 'users',
                column: 'mfa_pending_secret',
                id: user.id,
                sealed: user.mfa_pending_secret,
              } as const,
            ]),
      ]),
      ...signingKeys.map(
        (key) =>
          ({
            table: 'pack_signing_keys',
            column: 'private_key_sealed',
            id: key.id,
            sealed: key.private_key_sealed,
          }) as const,
      ),
    ];
  },

  /** One sealed value, if any (probing a key that has no check value yet). */
  async anySealedValue(db: Db): Promise<string | null> {
    const user = await db
      .selectFrom('users')
      .select(['mfa_secret', 'mfa_pending_secret'])
      .where((eb) =>
        eb.or([eb('mfa_secret', 'is not', null), eb('mfa_pending_secret', 'is not', null)]),
      )
      .limit(1)
      .executeTakeFirst();
    if (user) return user.mfa_secret ?? user.mfa_pending_secret;
    const key = await db
      .selectFrom('pack_signing_keys')
      .select('private_key_sealed')
      .limit(1)
      .executeTakeFirst();
    return key?.private_key_sealed ?? null;
  },

  /** Replaces a sealed value, only if it is still the one read (no lost update). */
  replaceSealedValue(db: Db, value: SealedValue, resealed: string) {
    if (value.table === 'users') {
      const column = value.column === 'mfa_secret' ? 'mfa_secret' : 'mfa_pending_secret';
      return db
        .updateTable('users')
        .set({ [column]: resealed })
        .where('id', '=', value.id)
        .where(column, '=', value.sealed)
        .executeTakeFirst();
    }
    return db
      .updateTable('pack_signing_keys')
      .set({ private_key_sealed: resealed })
      .where('id', '=', value.id)
      .where('private_key_sealed', '=', value.sealed)
      .executeTakeFirst();
  },

  /** The storage key of one evidence file referenced by a record, if any. */
  async anyEvidenceStorageKey(db: Db): Promise<string | null> {
    const row = await db
      .selectFrom('evidence_attachments')
      .select('storage_key')
      .limit(1)
      .executeTakeFirst();
    return row?.storage_key ?? null;
  },
};
