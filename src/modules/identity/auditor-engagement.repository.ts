import type { Kysely, Transaction } from 'kysely';
import type { AuditorEngagementRow, Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

export type EngagementWithUser = AuditorEngagementRow & { email: string; name: string };

function withUser(db: Db) {
  return db
    .selectFrom('auditor_engagements')
    .innerJoin('users', 'users.id', 'auditor_engagements.user_id')
    .selectAll('auditor_engagements')
    .select(['users.email', 'users.name']);
}

export const auditorEngagementRepository = {
  insert: (
    db: Db,
    values: {
      userId: string;
      framework: string;
      periodFrom: string;
      periodTo: string;
      startsAt: Date;
      expiresAt: Date;
      invitedById: string | null;
      invitedByLabel: string;
      inviteTokenHash: string | null;
      now: Date;
    },
  ) =>
    db
      .insertInto('auditor_engagements')
      .values({
        user_id: values.userId,
        framework_key: values.framework,
        period_from: values.periodFrom,
        period_to: values.periodTo,
        starts_at: values.startsAt,
        expires_at: values.expiresAt,
        invited_by_id: values.invitedById,
        invited_by_label: values.invitedByLabel,
        invite_token_hash: values.inviteTokenHash,
        created_at: values.now,
      })
      .returning('id')
      .executeTakeFirstOrThrow(),
  find: (db: Db, id: string) =>
    withUser(db).where('auditor_engagements.id', '=', id).executeTakeFirst(),
  /** Newest first, after the keyset `after` (created_at, id). */
  list: (db: Db, page: { after: { createdAt: Date; id: string } | undefined; limit: number }) => {
    let select = withUser(db)
      .orderBy('auditor_engagements.created_at', 'desc')
      .orderBy('auditor_engagements.id', 'desc')
      .limit(page.limit);
    const after = page.after;
    if (after)
      select = select.where((eb) =>
        eb(
          eb.refTuple('auditor_engagements.created_at', 'auditor_engagements.id'),
          '<',
          eb.tuple(after.createdAt, after.id),
        ),
      );
    return select.execute();
  },
  /** Every engagement of one user, the latest access first. */
  listForUser: (db: Db, userId: string) =>
    db
      .selectFrom('auditor_engagements')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('expires_at', 'desc')
      .execute(),
  findByInviteForUpdate: (db: Transaction<Database>, tokenHash: string) =>
    db
      .selectFrom('auditor_engagements')
      .selectAll()
      .where('invite_token_hash', '=', tokenHash)
      .forUpdate()
      .executeTakeFirst(),
  findForUpdate: (db: Transaction<Database>, id: string) =>
    withUser(db)
      .where('auditor_engagements.id', '=', id)
      .forUpdate('auditor_engagements')
      .executeTakeFirst(),
  /** Replaces the invitation link: the previous one stops working. */
  reissueInvite: (db: Db, id: string, tokenHash: string, now: Date) =>
    db
      .updateTable('auditor_engagements')
      .set({ invite_token_hash: tokenHash, invite_issued_at: now })
      .where('id', '=', id)
      .execute(),
  markInviteUsed: (db: Db, id: string, now: Date) =>
    db
      .updateTable('auditor_engagements')
      .set({ invite_used_at: now })
      .where('id', '=', id)
      .execute(),
  revoke: (db: Db, id: string, now: Date, byLabel: string) =>
    db
      .updateTable('auditor_engagements')
      .set({ revoked_at: now, revoked_by_label: byLabel })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute(),
};
