import { z } from 'zod';
import type { AppContext } from '../../platform/context.js';
import { notFound } from '../../platform/errors.js';
import {
  cursorInstant,
  decodeCursor,
  pageFromRows,
  type Page,
} from '../../platform/http/paging.js';
import type { Principal } from '../../platform/http/principal.js';
import { getAsset } from '../register/asset-queries.js';
import { abilityOf, decideSecondPersonSigning } from '../signatures/second-person-rule.js';
import type {
  AccessReviewCampaignView,
  AccessReviewDetail,
  AccessReviewItemView,
  ListAccessReviewItemsQuery,
  ListAccessReviewsQuery,
} from './access-review.schema.js';
import { accessReviewsRepository } from './access-reviews.repository.js';
import {
  abilityOfReviewer,
  decideReviewer,
  toCampaignView,
  toItemView,
} from './access-review-views.js';
import { signingBlocker } from './sign-access-review.js';

/** Access review campaigns, newest first, a page at a time. */
export async function listAccessReviews(
  ctx: Pick<AppContext, 'db'>,
  query: ListAccessReviewsQuery,
): Promise<Page<AccessReviewCampaignView>> {
  const assetId = query.asset ? (await getAsset(ctx, query.asset)).id : null;
  const after = query.cursor
    ? decodeCursor(query.cursor, z.tuple([cursorInstant, z.uuid()]))
    : null;
  const rows = await accessReviewsRepository.pageCampaigns(ctx.db, {
    assetId,
    quarter: query.quarter,
    status: query.status,
    after: after ? [after[0].toISOString(), after[1]] : null,
    limit: query.limit,
  });
  return pageFromRows(
    rows,
    query.limit,
    (row) => [row.started_at.toISOString(), row.id],
    toCampaignView,
  );
}

/** One campaign with its progress and what the caller may do with it. */
export async function getAccessReview(
  ctx: Pick<AppContext, 'db'>,
  principal: Principal | null,
  id: string,
): Promise<AccessReviewDetail> {
  const row = await accessReviewsRepository.findCampaign(ctx.db, id);
  if (!row) throw notFound('Access review');
  const view = toCampaignView(row);
  const reviewer = decideReviewer(principal, row);
  const blocker = signingBlocker(view);
  const signing = decideSecondPersonSigning(principal, {
    permission: 'access-reviews:decide',
    state: blocker ? { open: false, reason: blocker } : { open: true },
    doneBy: null,
    ownWorkReason: '',
  });
  return {
    ...view,
    abilities: {
      decide: abilityOfReviewer(reviewer),
      sign: reviewer.allowed ? abilityOf(signing) : abilityOfReviewer(reviewer),
    },
  };
}

/** A campaign's accounts in username order, with their decisions, a page at a time. */
export async function listAccessReviewItems(
  ctx: Pick<AppContext, 'db'>,
  campaignId: string,
  query: ListAccessReviewItemsQuery,
): Promise<Page<AccessReviewItemView>> {
  if (!(await accessReviewsRepository.exists(ctx.db, campaignId))) throw notFound('Access review');
  const after = query.cursor ? decodeCursor(query.cursor, z.tuple([z.string()]))[0] : null;
  const rows = await accessReviewsRepository.pageItems(ctx.db, {
    campaignId,
    decision: query.decision,
    after,
    limit: query.limit,
  });
  return pageFromRows(rows, query.limit, (row) => [row.username], toItemView);
}

/**
 * The campaigns started in a period and every decision of each, for evidence packs: campaigns a
 * page at a time (oldest first), each followed by its items a page at a time.
 */
export async function* accessReviewDecisionPages(
  ctx: Pick<AppContext, 'db'>,
  window: { from: Date; to: Date },
  pageRows: number,
): AsyncGenerator<{ campaign: AccessReviewCampaignView; items: AccessReviewItemView[] }> {
  for await (const campaign of accessReviewsStartedBetween(ctx, window, pageRows)) {
    let after: string | null = null;
    for (;;) {
      const rows = await accessReviewsRepository.pageItems(ctx.db, {
        campaignId: campaign.id,
        decision: undefined,
        after,
        limit: pageRows,
      });
      const page = rows.slice(0, pageRows);
      if (page.length > 0) yield { campaign, items: page.map(toItemView) };
      if (rows.length <= pageRows) break;
      after = page.at(-1)!.username;
    }
  }
}

/** The campaigns started in [from, to), oldest first. */
export async function* accessReviewsStartedBetween(
  ctx: Pick<AppContext, 'db'>,
  window: { from: Date; to: Date },
  pageRows: number,
): AsyncGenerator<AccessReviewCampaignView> {
  let after: [Date, string] | null = null;
  for (;;) {
    const rows = await accessReviewsRepository.campaignsStartedBetween(ctx.db, {
      ...window,
      after,
      limit: pageRows,
    });
    for (const row of rows) yield toCampaignView(row);
    if (rows.length < pageRows) return;
    const last = rows.at(-1)!;
    after = [last.started_at, last.id];
  }
}
