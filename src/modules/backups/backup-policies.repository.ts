import type { Insertable, Kysely, Selectable, Transaction, Updateable } from 'kysely';
import type { BackupPoliciesTable, Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type BackupPolicyRow = Selectable<BackupPoliciesTable> & { asset_key: string | null };
export type NewBackupPolicyRow = Insertable<BackupPoliciesTable>;
export type BackupPolicyUpdate = Updateable<BackupPoliciesTable>;

function selectPolicies(db: Db) {
  return db
    .selectFrom('backup_policies')
    .leftJoin('assets', 'assets.id', 'backup_policies.asset_id')
    .selectAll('backup_policies')
    .select('assets.key as asset_key');
}

export const backupPolicyRepository = {
  list: (db: Db, options: { includeArchived: boolean }): Promise<BackupPolicyRow[]> => {
    let query = selectPolicies(db);
    if (!options.includeArchived) query = query.where('backup_policies.archived_at', 'is', null);
    return query
      .orderBy('backup_policies.scope_kind')
      .orderBy('backup_policies.name')
      .orderBy('backup_policies.id')
      .execute();
  },

  findById: (db: Db, id: string): Promise<BackupPolicyRow | undefined> =>
    selectPolicies(db).where('backup_policies.id', '=', id).executeTakeFirst(),

  /** Locks the policy for a change in this transaction. */
  findByIdForUpdate: (db: Db, id: string) =>
    db
      .selectFrom('backup_policies')
      .select(['id', 'version', 'archived_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  /** The live policy with the same scope, if any (one per asset, tag and category). */
  findLiveWithScope: (
    db: Db,
    scope: { kind: string; assetId: string | null; tag: string | null; category: string | null },
  ) => {
    let query = db
      .selectFrom('backup_policies')
      .select(['id', 'name'])
      .where('archived_at', 'is', null)
      .where('scope_kind', '=', scope.kind);
    if (scope.assetId !== null) query = query.where('asset_id', '=', scope.assetId);
    if (scope.tag !== null) query = query.where('tag', '=', scope.tag);
    if (scope.category !== null) query = query.where('category', '=', scope.category);
    return query.executeTakeFirst();
  },

  insert: (db: Db, row: NewBackupPolicyRow) =>
    db.insertInto('backup_policies').values(row).returning('id').executeTakeFirstOrThrow(),

  /** Applies a change and moves the version on. */
  update: (db: Db, id: string, version: number, changes: BackupPolicyUpdate) =>
    db
      .updateTable('backup_policies')
      .set({ ...changes, version: version + 1 })
      .where('id', '=', id)
      .execute(),

  /** The id of the asset with this key, for an asset-scoped policy. */
  assetIdByKey: async (db: Db, key: string): Promise<string | undefined> =>
    (await db.selectFrom('assets').select('id').where('key', '=', key).executeTakeFirst())?.id,
};
