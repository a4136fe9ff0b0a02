import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

function selectCampaigns(db: Db) {
  return db
    .selectFrom('review_campaigns')
    .selectAll('review_campaigns')
    .select((eb) => [
      eb
        .selectFrom('review_items')
        .whereRef('review_items.campaign_id', '=', 'review_campaigns.id')
        .select(sql<string>`count(*)`.as('n'))
        .as('total'),
      eb
        .selectFrom('review_items')
        .whereRef('review_items.campaign_id', '=', 'review_campaigns.id')
        .where('review_items.status', '=', 'confirmed')
        .select(sql<string>`count(*)`.as('n'))
        .as('confirmed'),
      eb
        .selectFrom('review_items')
        .whereRef('review_items.campaign_id', '=', 'review_campaigns.id')
        .where('review_items.status', '=', 'corrected')
        .select(sql<string>`count(*)`.as('n'))
        .as('corrected'),
    ]);
}
export type CampaignWithCounts = NonNullable<
  Awaited<ReturnType<typeof reviewRepository.findCampaign>>
>;

export const reviewRepository = {
  listCampaigns: (db: Db) =>
    selectCampaigns(db).orderBy('review_campaigns.started_at', 'desc').execute(),
  findCampaign: (db: Db, id: string) =>
    selectCampaigns(db).where('review_campaigns.id', '=', id).executeTakeFirst(),
  items: (db: Db, campaignId: string) =>
    db
      .selectFrom('review_items')
      .innerJoin('assets', 'assets.id', 'review_items.asset_id')
      .selectAll('review_items')
      .select(['assets.key as asset_key', 'assets.name as asset_name'])
      .where('review_items.campaign_id', '=', campaignId)
      .orderBy('assets.key')
      .execute(),
  findItem: (db: Db, campaignId: string, itemId: string) =>
    db
      .selectFrom('review_items')
      .innerJoin('assets', 'assets.id', 'review_items.asset_id')
      .selectAll('review_items')
      .select(['assets.key as asset_key', 'assets.name as asset_name'])
      .where('review_items.campaign_id', '=', campaignId)
      .where('review_items.id', '=', itemId)
      .executeTakeFirst(),
};
