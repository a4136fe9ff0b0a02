import type { AppContext } from '../../platform/context.js';
import {
  accessReviewDecisionPages,
  accessReviewsStartedBetween,
} from '../access-reviews/list-access-reviews.js';
import type { PeriodWindow } from './pack-records.repository.js';
import { csvChunks, PAGE_ROWS, type PackRegister } from './pack-registers.js';

/** Campaigns started in the period and not after the pack's instant. */
const started = (window: PeriodWindow) => ({
  from: window.start,
  to: window.end < window.asOf ? window.end : window.asOf,
});

async function* campaignPages(ctx: Pick<AppContext, 'db'>, window: PeriodWindow) {
  let page = [];
  for await (const campaign of accessReviewsStartedBetween(ctx, started(window), PAGE_ROWS)) {
    page.push({ ...campaign, ...campaign.progress });
    if (page.length === PAGE_ROWS) {
      yield page;
      page = [];
    }
  }
  if (page.length > 0) yield page;
}

async function* decisionPages(ctx: Pick<AppContext, 'db'>, window: PeriodWindow) {
  for await (const { campaign, items } of accessReviewDecisionPages(
    ctx,
    started(window),
    PAGE_ROWS,
  )) {
    yield items.map((item) => ({
      ...item,
      campaignId: campaign.id,
      asset: campaign.asset,
      quarter: campaign.quarter,
    }));
  }
}

/**
 * The access reviews of the period: each campaign (system, quarter, progress, signature) and every
 * decision of each, read page by page through the access-reviews module's use cases.
 */
export function accessRegisters(ctx: Pick<AppContext, 'db'>, window: PeriodWindow): PackRegister[] {
  return [
    {
      path: 'registers/access-reviews.csv',
      title: 'Access review campaigns started in the period',
      chunks: () =>
        csvChunks(
          [
            'id',
            'asset',
            'quarter',
            'status',
            'owner',
            'delegates',
            'snapshotTakenAt',
            'startedBy',
            'startedAt',
            'total',
            'pending',
            'keep',
            'revoke',
            'change',
            'outstanding',
            'signedBy',
            'signedAt',
            'signatureId',
            'occurrenceId',
          ],
          campaignPages(ctx, window),
        ),
    },
    {
      path: 'registers/access-review-decisions.csv',
      title: 'Every decision of those access reviews, account by account',
      chunks: () =>
        csvChunks(
          [
            'campaignId',
            'asset',
            'quarter',
            'username',
            'personEmail',
            'roles',
            'privileged',
            'mfaEnabled',
            'disabled',
            'lastLoginAt',
            'decision',
            'comment',
            'decidedBy',
            'decidedAt',
            'carriedOutAt',
          ],
          decisionPages(ctx, window),
        ),
    },
  ];
}
