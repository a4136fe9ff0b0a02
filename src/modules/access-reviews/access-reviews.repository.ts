import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * When the decision was seen carried out, from the account as the latest snapshot left it: a
 * revoke once the account was disabled or removed, a change once its roles changed after the
 * campaign's snapshot (or it was disabled or removed).
 */
const carriedOutAt = sql<Date | null>`case
  when access_review_items.decision = 'revoke' then coalesce(
    accounts.removed_at,
    case when accounts.disabled then accounts.disabled_since end)
  when access_review_items.decision = 'change' then coalesce(
    accounts.removed_at,
    case when accounts.disabled then accounts.disabled_since end,
    case when accounts.roles_changed_at > access_review_campaigns.snapshot_taken_at
      then accounts.roles_changed_at end)
  end`;

function selectCampaigns(db: Db) {
  return db
    .selectFrom('access_review_campaigns')
    .innerJoin('assets', 'assets.id', 'access_review_campaigns.asset_id')
    .selectAll('access_review_campaigns')
    .select([
      'assets.key as asset_key',
      'assets.name as asset_name',
      'assets.owner_role',
      'assets.owner_person',
    ])
    .select((eb) =>
      eb
        .selectFrom('access_review_items')
        .innerJoin('accounts', 'accounts.id', 'access_review_items.account_id')
        .whereRef('access_review_items.campaign_id', '=', 'access_review_campaigns.id')
        .select(
          sql<{
            total: number;
            pending: number;
            keep: number;
            revoke: number;
            change: number;
            outstanding: number;
          }>`json_build_object(
            'total', count(*),
            'pending', count(*) filter (where access_review_items.decision is null),
            'keep', count(*) filter (where access_review_items.decision = 'keep'),
            'revoke', count(*) filter (where access_review_items.decision = 'revoke'),
            'change', count(*) filter (where access_review_items.decision = 'change'),
            'outstanding', count(*) filter (
              where access_review_items.decision in ('revoke', 'change') and ${carriedOutAt} is null))`.as(
            'counts',
          ),
        )
        .as('progress'),
    );
}
export type CampaignRow = NonNullable<
  Awaited<ReturnType<typeof accessReviewsRepository.findCampaign>>
>;

function selectItems(db: Db) {
  return db
    .selectFrom('access_review_items')
    .innerJoin(
      'access_review_campaigns',
      'access_review_campaigns.id',
      'access_review_items.campaign_id',
    )
    .innerJoin('accounts', 'accounts.id', 'access_review_items.account_id')
    .selectAll('access_review_items')
    .select(carriedOutAt.as('carried_out_at'));
}
export type ItemRow = Awaited<ReturnType<typeof accessReviewsRepository.pageItems>>[number];

/** SQL for access review campaigns and their items, and nothing else. */
export const accessReviewsRepository = {
  /** The system's latest account snapshot (read-only: snapshots are the accounts module's). */
  latestSnapshot: (db: Db, assetId: string) =>
    db
      .selectFrom('account_snapshots')
      .select(['id', 'taken_at'])
      .where('asset_id', '=', assetId)
      .orderBy('taken_at', 'desc')
      .limit(1)
      .executeTakeFirst(),

  findCampaign: (db: Db, id: string) =>
    selectCampaigns(db).where('access_review_campaigns.id', '=', id).executeTakeFirst(),

  findCampaignOf: (db: Db, assetId: string, quarter: string) =>
    db
      .selectFrom('access_review_campaigns')
      .select('id')
      .where('asset_id', '=', assetId)
      .where('quarter', '=', quarter)
      .executeTakeFirst(),

  exists: async (db: Db, id: string): Promise<boolean> =>
    (await db
      .selectFrom('access_review_campaigns')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst()) !== undefined,

  /** Takes the campaign's row lock: decisions and the signature are serialised per campaign. */
  lockCampaign: (db: Db, id: string) =>
    db
      .selectFrom('access_review_campaigns')
      .select(['id', 'status'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst(),

  /** Campaigns newest first, keyset on (started_at, id). */
  pageCampaigns: (
    db: Db,
    query: {
      assetId: string | null;
      quarter: string | undefined;
      status: string | undefined;
      after: [string, string] | null;
      limit: number;
    },
  ) => {
    let select = selectCampaigns(db);
    if (query.assetId !== null)
      select = select.where('access_review_campaigns.asset_id', '=', query.assetId);
    if (query.quarter) select = select.where('access_review_campaigns.quarter', '=', query.quarter);
    if (query.status) select = select.where('access_review_campaigns.status', '=', query.status);
    if (query.after) {
      const [startedAt, id] = query.after;
      select = select.where((eb) =>
        eb(
          eb.refTuple('access_review_campaigns.started_at', 'access_review_campaigns.id'),
          '<',
          eb.tuple(new Date(startedAt), id),
        ),
      );
    }
    return select
      .orderBy('access_review_campaigns.started_at', 'desc')
      .orderBy('access_review_campaigns.id', 'desc')
      .limit(query.limit + 1)
      .execute();
  },

  /** Campaigns started in [from, to), oldest first, keyset on (started_at, id). */
  campaignsStartedBetween: (
    db: Db,
    query: { from: Date; to: Date; after: [Date, string] | null; limit: number },
  ) => {
    let select = selectCampaigns(db)
      .where('access_review_campaigns.started_at', '>=', query.from)
      .where('access_review_campaigns.started_at', '<', query.to);
    if (query.after) {
      const [startedAt, id] = query.after;
      select = select.where((eb) =>
        eb(
          eb.refTuple('access_review_campaigns.started_at', 'access_review_campaigns.id'),
          '>',
          eb.tuple(startedAt, id),
        ),
      );
    }
    return select
      .orderBy('access_review_campaigns.started_at')
      .orderBy('access_review_campaigns.id')
      .limit(query.limit)
      .execute();
  },

  /** A campaign's items in username order, keyset on the username. */
  pageItems: (
    db: Db,
    query: {
      campaignId: string;
      decision: string | undefined;
      after: string | null;
      limit: number;
    },
  ) => {
    let select = selectItems(db).where('access_review_items.campaign_id', '=', query.campaignId);
    if (query.decision === 'pending')
      select = select.where('access_review_items.decision', 'is', null);
    else if (query.decision)
      select = select.where('access_review_items.decision', '=', query.decision);
    if (query.after !== null)
      select = select.where('access_review_items.username', '>', query.after);
    return select
      .orderBy('access_review_items.username')
      .limit(query.limit + 1)
      .execute();
  },

  insertCampaign: async (
    db: Db,
    values: {
      assetId: string;
      quarter: string;
      snapshotId: string;
      snapshotTakenAt: Date;
      delegates: string[];
      by: string;
      at: Date;
    },
  ): Promise<string> => {
    const row = await db
      .insertInto('access_review_campaigns')
      .values({
        asset_id: values.assetId,
        quarter: values.quarter,
        snapshot_id: values.snapshotId,
        snapshot_taken_at: values.snapshotTakenAt,
        delegates: JSON.stringify(values.delegates),
        status: 'open',
        started_by: values.by,
        started_at: values.at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  },

  /**
   * One item per account present on the system (what its latest snapshot showed), copied in one
   * INSERT … SELECT so a campaign of thousands of accounts starts in a single statement.
   */
  insertItemsFromAccounts: async (db: Db, campaignId: string, assetId: string) => {
    const result = await db
      .insertInto('access_review_items')
      .columns([
        'campaign_id',
        'account_id',
        'username',
        'person_email',
        'roles',
        'privileged',
        'mfa_enabled',
        'disabled',
        'last_login_at',
      ])
      .expression(
        db
          .selectFrom('accounts')
          .leftJoin('people', 'people.id', 'accounts.person_id')
          .select([
            sql<string>`${campaignId}::uuid`.as('campaign_id'),
            'accounts.id',
            'accounts.username',
            sql<string | null>`coalesce(people.email, accounts.email)`.as('person_email'),
            'accounts.roles',
            'accounts.privileged',
            'accounts.mfa_enabled',
            'accounts.disabled',
            'accounts.last_login_at',
          ])
          .where('accounts.asset_id', '=', assetId)
          .where('accounts.removed_at', 'is', null),
      )
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0);
  },

  /** Of these usernames, those that are not items of the campaign. */
  missingUsernames: async (db: Db, campaignId: string, usernames: readonly string[]) => {
    const found = new Set<string>();
    for (let index = 0; index < usernames.length; index += 1000) {
      const rows = await db
        .selectFrom('access_review_items')
        .select('username')
        .where('campaign_id', '=', campaignId)
        .where('username', 'in', usernames.slice(index, index + 1000))
        .execute();
      for (const row of rows) found.add(row.username);
    }
    return usernames.filter((username) => !found.has(username));
  },

  /** Records the decision on the named items (or on every undecided one); returns how many. */
  decide: async (
    db: Db,
    campaignId: string,
    target: { usernames: readonly string[] } | { allPending: true },
    values: { decision: string; comment: string; by: string; at: Date },
  ): Promise<number> => {
    const set = {
      decision: values.decision,
      comment: values.comment,
      decided_by: values.by,
      decided_at: values.at,
    };
    if ('allPending' in target) {
      const result = await db
        .updateTable('access_review_items')
        .set(set)
        .where('campaign_id', '=', campaignId)
        .where('decision', 'is', null)
        .executeTakeFirst();
      return Number(result.numUpdatedRows);
    }
    let decided = 0;
    for (let index = 0; index < target.usernames.length; index += 1000) {
      const result = await db
        .updateTable('access_review_items')
        .set(set)
        .where('campaign_id', '=', campaignId)
        .where('username', 'in', target.usernames.slice(index, index + 1000))
        .executeTakeFirst();
      decided += Number(result.numUpdatedRows);
    }
    return decided;
  },

  /** Every decision of a campaign, in username order, for the signed record. */
  decisionsOf: (db: Db, campaignId: string) =>
    db
      .selectFrom('access_review_items')
      .select(['username', 'decision', 'comment', 'decided_by', 'decided_at'])
      .where('campaign_id', '=', campaignId)
      .orderBy('username')
      .execute(),

  markSigned: async (
    db: Db,
    id: string,
    values: { signatureId: string; by: string; at: Date; occurrenceId: string | null },
  ): Promise<void> => {
    await db
      .updateTable('access_review_campaigns')
      .set({
        status: 'signed',
        signature_id: values.signatureId,
        signed_by: values.by,
        signed_at: values.at,
        occurrence_id: values.occurrenceId,
      })
      .where('id', '=', id)
      .execute();
  },
};
