import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Database, EvidencePacksTable } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;
export type EvidencePackRow = Selectable<EvidencePacksTable>;

/** The pack jobs. */
export const packsRepository = {
  insertPack(
    db: Db,
    pack: {
      frameworkKey: string;
      from: string;
      to: string;
      requestedById: string | null;
      requestedByLabel: string;
      requestedAt: Date;
    },
  ) {
    return db
      .insertInto('evidence_packs')
      .values({
        framework_key: pack.frameworkKey,
        period_from: pack.from,
        period_to: pack.to,
        state: 'queued',
        requested_by_id: pack.requestedById,
        requested_by_label: pack.requestedByLabel,
        requested_at: pack.requestedAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  findPack(db: Db, id: string) {
    return db.selectFrom('evidence_packs').selectAll().where('id', '=', id).executeTakeFirst();
  },

  /**
   * Packs newest first, after the keyset `after` (requested_at, id); with `within`, only packs of
   * that framework whose period lies inside the given days (an engaged auditor's).
   */
  listPacks(
    db: Db,
    options: {
      after: { requestedAt: Date; id: string } | undefined;
      within: { framework: string; from: string; to: string } | undefined;
      limit: number;
    },
  ) {
    let select = db
      .selectFrom('evidence_packs')
      .selectAll()
      .orderBy('requested_at', 'desc')
      .orderBy('id', 'desc')
      .limit(options.limit);
    const { after, within } = options;
    if (after)
      select = select.where((eb) =>
        eb(eb.refTuple('requested_at', 'id'), '<', eb.tuple(after.requestedAt, after.id)),
      );
    if (within)
      select = select
        .where('framework_key', '=', within.framework)
        .where('period_from', '>=', within.from)
        .where('period_to', '<=', within.to);
    return select.execute();
  },

  /** Jobs left queued or running by a process that stopped. */
  unfinishedPacks(db: Db) {
    return db
      .selectFrom('evidence_packs')
      .selectAll()
      .where('state', 'in', ['queued', 'running'])
      .orderBy('requested_at')
      .execute();
  },

  /**
   * Takes a queued pack for building; undefined when it is no longer queued (another runner, or
   * this one again, took it first), so a pack is built once however many runners hold its id.
   */
  claimQueuedPack(db: Db, id: string, now: Date) {
    return db
      .updateTable('evidence_packs')
      .set({ state: 'running', started_at: now, heartbeat_at: now, files_done: 0 })
      .where('id', '=', id)
      .where('state', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  },

  /** Puts a pack whose builder stopped showing signs of life before `staleBefore` back in the queue. */
  requeueStalePack(db: Db, id: string, staleBefore: Date) {
    return db
      .updateTable('evidence_packs')
      .set({ state: 'queued', heartbeat_at: null, files_done: 0 })
      .where('id', '=', id)
      .where('state', '=', 'running')
      .where((eb) => eb.or([eb('heartbeat_at', 'is', null), eb('heartbeat_at', '<', staleBefore)]))
      .returning('id')
      .executeTakeFirst();
  },

  updatePack(
    db: Db,
    id: string,
    changes: Partial<{
      state: string;
      files_done: number;
      files_total: number;
      size_bytes: number;
      manifest_sha256: string;
      signing_key_fingerprint: string;
      error: string | null;
      started_at: Date;
      finished_at: Date;
      heartbeat_at: Date | null;
    }>,
  ) {
    return db.updateTable('evidence_packs').set(changes).where('id', '=', id).execute();
  },
};
